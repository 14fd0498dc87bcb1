import { useState } from 'react';
import { profile } from '../api/endpoints.ts';
import type { Theme } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { CheckboxField, Field, Form, SelectField, TextAreaField } from '../components/Form.tsx';
import { useTitle } from '../components/use-title.ts';
import { HistoryRetentionSection } from '../history/HistoryRetentionSection.tsx';
import { YourInformationSection } from '../privacy/YourInformationSection.tsx';
import { AVATAR_TYPES, avatarFileProblem } from './avatar-file.ts';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Same as my device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Settings → Profile: what others see (name, bio, avatar, email if you choose) and the theme. */
export function ProfileSettingsPage() {
  useTitle('Profile settings');
  const { account, signedIn } = useAuth();
  const [saved, setSaved] = useState(false);
  if (!account) return null;

  async function save(data: FormData) {
    setSaved(false);
    const displayName = String(data.get('displayName') ?? '').trim();
    const updated = await profile.update({
      displayName: displayName === '' ? null : displayName,
      bio: String(data.get('bio') ?? ''),
      publicEmail: data.get('publicEmail') === 'on',
      preferences: { theme: String(data.get('preferences.theme') ?? 'system') as Theme },
    });
    signedIn(updated);
    setSaved(true);
  }

  return (
    <>
      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <p>
          Your profile is public: anyone can see it at <code>/api/users/{account.username}</code>.
        </p>
        {/* Keyed by the saved values: clearing one under "Your information" shows at once here. */}
        <Form key={`${account.displayName ?? ''}\u0000${account.bio ?? ''}`} onSubmit={save} submitLabel="Save profile" pendingLabel="Saving…">
          <Field name="displayName" label="Display name" defaultValue={account.displayName ?? ''} maxLength={100} autoComplete="name" hint="Public. Leave it empty to show your username." />
          <TextAreaField name="bio" label="Bio" defaultValue={account.bio ?? ''} maxLength={500} rows={4} hint="Public; at most 500 characters." />
          <CheckboxField
            name="publicEmail"
            label="Show my email address on my public profile"
            defaultChecked={account.publicEmail}
            hint={`Off by default: then only you and the operator see ${account.email}.`}
          />
          <SelectField name="preferences.theme" label="Theme" defaultValue={account.preferences.theme}>
            {THEMES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </SelectField>
        </Form>
        {saved && (
          <p className="success" role="status">
            Your profile is saved.
          </p>
        )}
      </section>
      <AvatarSection />
      <HistoryRetentionSection />
      <YourInformationSection />
    </>
  );
}

/** The picture beside your name: upload one (the server checks the bytes) or remove it. */
function AvatarSection() {
  const { account, signedIn } = useAuth();
  const [fileProblem, setFileProblem] = useState<string | undefined>();
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [removing, setRemoving] = useState(false);
  const [formKey, setFormKey] = useState(0);
  if (!account) return null;

  async function upload(data: FormData) {
    const file = data.get('avatar');
    if (!(file instanceof File) || file.name === '') throw new Error('Choose an image first.');
    const problem = avatarFileProblem(file);
    if (problem) throw new Error(problem);
    signedIn(await profile.setAvatar(file));
    // A fresh form: the chosen file is uploaded and no longer pending.
    setFormKey((n) => n + 1);
    setFileProblem(undefined);
  }

  async function remove() {
    if (!account) return;
    setRemoveError(null);
    setRemoving(true);
    try {
      await profile.removeAvatar();
      signedIn({ ...account, avatarUrl: null });
    } catch (error) {
      setRemoveError(error);
    } finally {
      setRemoving(false);
    }
  }

  return (
    <section aria-labelledby="avatar-heading">
      <h2 id="avatar-heading">Avatar</h2>
      {account.avatarUrl ? (
        <p className="row avatar-row">
          <img className="avatar" src={account.avatarUrl} alt="Your current avatar" width={96} height={96} />
          <button type="button" className="secondary" disabled={removing} onClick={() => void remove()}>
            {removing ? 'Removing…' : 'Remove avatar'}
          </button>
        </p>
      ) : (
        <p className="empty">No avatar yet.</p>
      )}
      {removeError !== null && <ErrorMessage error={removeError} />}
      <Form key={formKey} onSubmit={upload} submitLabel="Upload avatar" pendingLabel="Uploading…">
        <Field
          name="avatar"
          label="Image file"
          type="file"
          accept={AVATAR_TYPES.join(',')}
          localError={fileProblem}
          hint="PNG, JPEG, WebP or GIF, at most 1 MiB. Anyone can see it."
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            setFileProblem(file ? (avatarFileProblem(file) ?? undefined) : undefined);
          }}
        />
      </Form>
    </section>
  );
}
