import type { SettingsDraft } from './request-draft.ts';

/** Per-request sending settings: redirects and TLS are saved (protocolProfileBehavior); the timeout is used only when sending. */
export function SettingsEditor({ settings, onChange }: { settings: SettingsDraft; onChange: (settings: SettingsDraft) => void }) {
  return (
    <div className="settings-editor">
      <label className="check">
        <input type="checkbox" checked={settings.followRedirects} onChange={(e) => onChange({ ...settings, followRedirects: e.target.checked })} /> Follow redirects
      </label>
      <label className="check">
        <input type="checkbox" checked={!settings.strictSSL} onChange={(e) => onChange({ ...settings, strictSSL: !e.target.checked })} /> Disable TLS certificate verification
      </label>
      <label className="field">
        <span>Timeout (ms, empty for the server default; not saved with the request)</span>
        <input
          type="number"
          min={1}
          value={settings.timeoutMs ?? ''}
          onChange={(e) => onChange({ ...settings, timeoutMs: e.target.value === '' ? null : Math.max(1, Math.floor(Number(e.target.value))) })}
        />
      </label>
    </div>
  );
}
