import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { isSignedOut } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';

interface ConfirmActionProps {
  /** The button's visible text, e.g. "Remove". */
  label: string;
  /** Its accessible name when the text alone is ambiguous in a list, e.g. "Remove ada from the team". */
  accessibleLabel?: string;
  /** Asked in place of the button, e.g. "Remove ada from Acme?". */
  question: string;
  confirmLabel: string;
  pendingLabel?: string;
  disabled?: boolean;
  /** A thrown ApiError is shown beside the question, which stays open so nothing is lost. */
  onConfirm(): Promise<void>;
}

/**
 * A destructive action confirmed in place: the button turns into a question with "confirm" and
 * "Cancel". Focus moves to the confirming button, and back to the first button on Cancel or Escape.
 */
export function ConfirmAction({ label, accessibleLabel, question, confirmLabel, pendingLabel, disabled, onConfirm }: ConfirmActionProps) {
  const { forget } = useAuth();
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (asking) confirmButton.current?.focus();
    else if (cancelled.current) {
      cancelled.current = false;
      trigger.current?.focus();
    }
  }, [asking]);

  function cancel() {
    cancelled.current = true;
    setError(null);
    setAsking(false);
  }

  async function run() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setAsking(false);
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
      setError(thrown);
    } finally {
      setPending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      // Inside a modal dialog, Escape cancels the question first, not the dialog.
      event.preventDefault();
      event.stopPropagation();
      cancel();
    }
  }

  if (!asking) {
    return (
      <button
        ref={trigger}
        type="button"
        className="secondary"
        disabled={disabled}
        {...(accessibleLabel && { 'aria-label': accessibleLabel })}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div className="confirm-action" role="group" aria-labelledby={questionId} onKeyDown={onKeyDown}>
      <p id={questionId}>{question}</p>
      {error !== null && <ErrorMessage error={error} />}
      <span className="actions">
        <button ref={confirmButton} type="button" className="danger" disabled={pending} aria-busy={pending} onClick={() => void run()}>
          {pending ? (pendingLabel ?? `${confirmLabel}…`) : confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={cancel}>
          Cancel
        </button>
      </span>
    </div>
  );
}
