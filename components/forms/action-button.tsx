"use client";

import { useActionState, useEffect, useId, useRef, type ReactNode, type RefObject } from "react";
import type { FormState } from "@/lib/server/form-state";

export interface Confirmation {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
}

/**
 * One button that runs a server action with a few hidden values, and says what went wrong.
 * With `confirm`, the button opens a modal dialog first and the action runs from its confirm
 * button (Escape or Cancel closes it; the focus returns to the button).
 */
export function ActionButton({
  action,
  values,
  label,
  accessibleLabel,
  confirm,
  danger = false,
  small = false,
  errors,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  values: Record<string, string>;
  label: string;
  /** When the visible label alone is ambiguous (a "Remove" per roster row). */
  accessibleLabel?: string;
  confirm?: Confirmation;
  danger?: boolean;
  small?: boolean;
  /** Messages by error key. */
  errors: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle", errors: {} });
  const dialog = useRef<HTMLDialogElement>(null);
  const className = ["button", danger ? "danger" : "", small ? "small" : ""].join(" ").trim();
  const message =
    state.status === "error" ? (errors[state.message ?? ""] ?? state.message ?? "") : "";

  // A confirmed action that succeeded closes its dialog; one that failed keeps it open to say why.
  useEffect(() => {
    if (state.status === "ok") dialog.current?.close();
  }, [state]);

  const form = (submitLabel: string, extra?: ReactNode) => (
    <form action={formAction} className="action-form">
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        className={className}
        disabled={pending}
        aria-label={confirm ? undefined : accessibleLabel}
      >
        {submitLabel}
      </button>
      {extra}
    </form>
  );

  if (!confirm) {
    return (
      <span className="action-button">
        {form(label)}
        <span role="status" className="field-error">
          {message}
        </span>
      </span>
    );
  }
  return (
    <span className="action-button">
      <button
        type="button"
        className={className}
        aria-haspopup="dialog"
        aria-label={accessibleLabel}
        onClick={() => dialog.current?.showModal()}
      >
        {label}
      </button>
      <ConfirmDialog dialogRef={dialog} title={confirm.title} body={confirm.body} message={message}>
        {form(
          confirm.confirmLabel,
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {confirm.cancelLabel}
          </button>,
        )}
      </ConfirmDialog>
    </span>
  );
}

/**
 * A confirmation's modal: its title and body name it for assistive technology, then what went
 * wrong (if anything) and the form that confirms. Opened with `showModal()` on `dialogRef`.
 */
export function ConfirmDialog({
  dialogRef,
  title,
  body,
  message,
  children,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: string;
  body: string;
  message: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-body`}>{body}</p>
      <p role="alert" className="field-error">
        {message}
      </p>
      <div className="actions">{children}</div>
    </dialog>
  );
}
