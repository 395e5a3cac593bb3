import type { InputHTMLAttributes, ReactNode } from "react";

/**
 * A phone-sized text field of the live quiz (the PIN, the nickname): its label, a hint the
 * input is described by, anything that belongs between them and the error (a "random name"
 * button), and the error, announced and tied to the input.
 */
export function LiveTextField({
  id,
  label,
  hint,
  error,
  input,
  children,
}: {
  id: string;
  label: string;
  hint: string;
  error: string | null;
  input: InputHTMLAttributes<HTMLInputElement>;
  children?: ReactNode;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id.replace(/^live-/, "")}
        {...input}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        aria-errormessage={error ? `${id}-error` : undefined}
      />
      <p id={`${id}-hint`} className="muted">
        {hint}
      </p>
      {children}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
