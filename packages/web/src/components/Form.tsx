import { createContext, useContext, useId, useRef, useState } from 'react';
import type { FormEvent, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { ApiError, isSignedOut } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

const FormErrorContext = createContext<unknown>(null);

/** The message the last submit's problem+json gave about field `name`, if any. */
function useFieldError(name: string): string | undefined {
  const error = useContext(FormErrorContext);
  return error instanceof ApiError ? error.fieldError(name) : undefined;
}

/** The server's error about field `name`, for controls that are not a Field (e.g. a radio group). */
export function FieldErrorText({ name, id }: { name: string; id?: string }) {
  const error = useFieldError(name);
  return error ? (
    <p id={id} className="field-error">
      {error}
    </p>
  ) : null;
}

interface FormProps {
  /** Receives the form's values; a thrown ApiError is shown above the fields and beside them. */
  onSubmit(data: FormData): Promise<void>;
  submitLabel: string;
  pendingLabel?: string;
  /** Also list field errors in the summary (for inputs without a field of their own, e.g. a JSON document). */
  listFieldErrors?: boolean;
  children: ReactNode;
  className?: string;
}

/**
 * A form that submits to the API: it disables its button while waiting and shows what went wrong
 * in plain words, the summary first (announced, and focused so keyboard users start from it).
 */
export function Form({ onSubmit, submitLabel, pendingLabel, listFieldErrors, children, className }: FormProps) {
  const { forget } = useAuth();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const summary = useRef<HTMLDivElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await onSubmit(new FormData(event.currentTarget));
    } catch (thrown) {
      if (isSignedOut(thrown)) forget();
      setError(thrown);
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setPending(false);
    }
  }

  return (
    <FormErrorContext.Provider value={error}>
      <form className={className ?? 'form'} onSubmit={handleSubmit} noValidate>
        {error !== null && <ErrorMessage ref={summary} error={error} listFieldErrors={listFieldErrors ?? false} />}
        {children}
        <div className="form-actions">
          <button type="submit" disabled={pending} aria-busy={pending}>
            {pending ? (pendingLabel ?? `${submitLabel}…`) : submitLabel}
          </button>
        </div>
      </form>
    </FormErrorContext.Provider>
  );
}

interface FieldShellProps {
  name: string;
  label: string;
  hint?: ReactNode;
  /** An error found before sending (e.g. a file that is not JSON); the server's comes from the form. */
  localError?: string | undefined;
  children(props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }): ReactNode;
}

/** Label, control, hint and error, tied together for assistive technology. */
function FieldShell({ name, label, hint, localError, children }: FieldShellProps) {
  const id = useId();
  const serverError = useFieldError(name);
  const error = localError ?? serverError;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {children({ id, ...(describedBy && { 'aria-describedby': describedBy }), ...(error && { 'aria-invalid': true as const }) })}
    </div>
  );
}

type InputFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
  localError?: string | undefined;
};

export function Field({ name, label, hint, localError, ...input }: InputFieldProps) {
  return (
    <FieldShell name={name} label={label} hint={hint} localError={localError}>
      {(a11y) => <input name={name} {...input} {...a11y} />}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
};

export function SelectField({ name, label, hint, children, ...select }: SelectFieldProps) {
  return (
    <FieldShell name={name} label={label} hint={hint}>
      {(a11y) => (
        <select name={name} {...select} {...a11y}>
          {children}
        </select>
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
};

export function TextAreaField({ name, label, hint, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldShell name={name} label={label} hint={hint}>
      {(a11y) => <textarea name={name} {...textarea} {...a11y} />}
    </FieldShell>
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'type'> & {
  name: string;
  label: string;
  hint?: ReactNode;
};

/** A checkbox with its label beside it (clicking the words toggles it), its hint and error below. */
export function CheckboxField({ name, label, hint, ...input }: CheckboxFieldProps) {
  const id = useId();
  const error = useFieldError(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id} className="choice">
        <input
          id={id}
          name={name}
          type="checkbox"
          {...input}
          {...(describedBy && { 'aria-describedby': describedBy })}
          {...(error && { 'aria-invalid': true as const })}
        />
        <span>{label}</span>
      </label>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
