import { useEffect, useRef, useState } from 'react';
import { twoFactor } from '../api/endpoints.ts';
import type { TotpEnrollment, TotpStatus } from '../api/types.ts';
import { CopyButton } from '../components/CopyButton.tsx';
import { Field, Form } from '../components/Form.tsx';
import { Loading } from '../components/Loading.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { useLoad } from '../components/use-load.ts';
import { useTitle } from '../components/use-title.ts';

const password = (data: FormData) => String(data.get('password') ?? '');

/**
 * Settings → Two-factor sign-in: set up an authenticator app (scan or type its key, then confirm
 * with a first code), keep the recovery codes shown once, replace them, or turn it off.
 */
export function TwoFactorPage() {
  useTitle('Two-factor sign-in');
  const status = useLoad(() => twoFactor.status(), 'totp');
  const [enrollment, setEnrollment] = useState<TotpEnrollment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);

  return (
    <section aria-labelledby="totp-heading">
      <h2 id="totp-heading">Two-factor sign-in</h2>
      <p>
        With two-factor sign-in, signing in with your password also asks for a code from an authenticator app on your
        phone, so a stolen password alone is not enough.
      </p>
      {turnedOff && (
        <p className="success" role="status">
          Two-factor sign-in is off.
        </p>
      )}
      {recoveryCodes ? (
        <RecoveryCodes
          codes={recoveryCodes}
          onDone={() => {
            setRecoveryCodes(null);
            status.reload();
          }}
        />
      ) : (
        <Loading loaded={status} what="two-factor status">
          {(s) =>
            s.enabled ? (
              <Enabled
                status={s}
                onCodes={setRecoveryCodes}
                onOff={() => {
                  setTurnedOff(true);
                  status.reload();
                }}
              />
            ) : enrollment ? (
              <Enroll
                enrollment={enrollment}
                onConfirmed={(codes) => {
                  setEnrollment(null);
                  setRecoveryCodes(codes);
                }}
              />
            ) : (
              <Form
                onSubmit={async () => {
                  setTurnedOff(false);
                  setEnrollment(await twoFactor.start());
                }}
                submitLabel={s.pending ? 'Start the setup again' : 'Set up an authenticator app'}
                pendingLabel="Starting…"
              >
                <p>
                  <strong>Two-factor sign-in is off.</strong>
                  {s.pending && ' A setup was started but never confirmed; start again to get a new key.'}
                </p>
              </Form>
            )
          }
        </Loading>
      )}
    </section>
  );
}

function Enroll({ enrollment, onConfirmed }: { enrollment: TotpEnrollment; onConfirmed(codes: string[]): void }) {
  return (
    <div className="panel">
      <h3>1. Add Postern to your authenticator app</h3>
      <QrCode text={enrollment.uri} alt="QR code for your authenticator app (the same as the setup link below)" />
      <p>
        <label htmlFor="totp-setup-key">Can’t scan? Setup key</label>
        <br />
        <span className="hint" id="totp-setup-key-hint">
          Type it into the app as a time-based key (6 digits, every 30 seconds).
        </span>
        <br />
        <input
          id="totp-setup-key"
          className="secret"
          readOnly
          value={enrollment.secret}
          aria-describedby="totp-setup-key-hint"
          onFocus={(e) => e.currentTarget.select()}
        />
      </p>
      <p>
        <CopyButton text={enrollment.secret} label="Copy the key" />
      </p>
      <details>
        <summary>Setup link (otpauth URI)</summary>
        <p>
          <code className="secret" data-testid="otpauth-uri">
            {enrollment.uri}
          </code>
        </p>
      </details>
      <h3>2. Confirm with a code</h3>
      <Form
        onSubmit={async (data) => {
          const { recoveryCodes } = await twoFactor.confirm(String(data.get('code') ?? '').replace(/\s+/g, ''));
          onConfirmed(recoveryCodes);
        }}
        submitLabel="Turn on two-factor sign-in"
        pendingLabel="Checking…"
      >
        <Field
          name="code"
          label="Code from your authenticator app"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          required
          hint="The 6-digit code the app shows for Postern now."
        />
      </Form>
    </div>
  );
}

function Enabled({ status, onCodes, onOff }: { status: TotpStatus; onCodes(codes: string[]): void; onOff(): void }) {
  return (
    <>
      <p>
        <strong>Two-factor sign-in is on.</strong> You have {status.recoveryCodesLeft} unused recovery{' '}
        {status.recoveryCodesLeft === 1 ? 'code' : 'codes'} left.
      </p>
      <h3>New recovery codes</h3>
      <Form
        onSubmit={async (data) => onCodes((await twoFactor.regenerateRecoveryCodes(password(data))).recoveryCodes)}
        submitLabel="Replace my recovery codes"
        pendingLabel="Replacing…"
      >
        <p>Ten new codes replace all the old ones, which stop working.</p>
        <Field name="password" label="Your password" type="password" autoComplete="current-password" required />
      </Form>
      <h3>Turn it off</h3>
      <Form
        onSubmit={async (data) => {
          await twoFactor.disable(password(data));
          onOff();
        }}
        submitLabel="Turn off two-factor sign-in"
        pendingLabel="Turning off…"
      >
        <Field name="password" label="Password to turn it off" type="password" autoComplete="current-password" required />
      </Form>
    </>
  );
}

/** Shown once: only their hashes are stored. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), [codes]);
  return (
    <div className="panel secret-panel" tabIndex={-1} ref={panel} aria-labelledby="codes-title">
      <h3 id="codes-title">Save your recovery codes now</h3>
      <p>
        <strong>You will not see them again.</strong> If you lose your phone, each code lets you sign in once instead of an
        authenticator code. Keep them somewhere safe, apart from your phone.
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <CopyButton text={codes.join('\n')} label="Copy the codes" />
      </p>
      <p>
        <button type="button" onClick={onDone}>
          I have saved them
        </button>
      </p>
    </div>
  );
}
