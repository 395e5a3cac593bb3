"use client";

import { useActionState, useEffect, useRef, useState, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/forms/action-button";
import { formatMessage } from "@/lib/i18n/format-message";
import type { FormState } from "@/lib/server/form-state";
import { REMOVE_ENROLLMENT, REMOVE_NAME } from "./roster-removal-keys";

interface Student {
  enrollmentId: string;
  name: string;
}

/**
 * One confirmation dialog for the whole roster. Each row has a plain "Remove" button naming
 * its student (REMOVE_ENROLLMENT, REMOVE_NAME); a click on one opens this dialog for that
 * student. A dialog and form per row cost 1.1 KB of HTML each: with 200 students, a fifth of
 * the dashboard's page.
 */
export function RosterRemoval({
  action,
  classId,
  t,
  children,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  classId: string;
  t: {
    remove: string;
    removeTitle: string;
    removeBody: string;
    cancel: string;
    errors: Record<string, string>;
  };
  children: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle", errors: {} });
  const [student, setStudent] = useState<Student | null>(null);
  const [submitted, setSubmitted] = useState<string | null>(null);
  const rows = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  // The rows' buttons are server-rendered; one listener on their container opens the dialog.
  useEffect(() => {
    const container = rows.current;
    if (!container) return;
    const open = (event: MouseEvent) => {
      const button = (event.target as Element).closest<HTMLButtonElement>(
        `button[${REMOVE_ENROLLMENT}]`,
      );
      if (!button) return;
      setStudent({
        enrollmentId: button.getAttribute(REMOVE_ENROLLMENT) ?? "",
        name: button.getAttribute(REMOVE_NAME) ?? "",
      });
      dialog.current?.showModal();
    };
    container.addEventListener("click", open);
    return () => container.removeEventListener("click", open);
  }, []);

  // A removal that succeeded closes the dialog; one that failed keeps it open to say why.
  useEffect(() => {
    if (state.status === "ok") dialog.current?.close();
  }, [state]);

  const message =
    state.status === "error" && submitted === student?.enrollmentId
      ? (t.errors[state.message ?? ""] ?? state.message ?? "")
      : "";
  return (
    <>
      <div ref={rows}>{children}</div>
      <ConfirmDialog
        dialogRef={dialog}
        title={formatMessage(t.removeTitle, { name: student?.name ?? "" })}
        body={t.removeBody}
        message={message}
      >
        <form
          action={formAction}
          className="action-form"
          onSubmit={() => setSubmitted(student?.enrollmentId ?? null)}
        >
          <input type="hidden" name="classId" value={classId} />
          <input type="hidden" name="enrollmentId" value={student?.enrollmentId ?? ""} />
          <button type="submit" className="button small" disabled={pending || !student}>
            {t.remove}
          </button>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t.cancel}
          </button>
        </form>
      </ConfirmDialog>
    </>
  );
}
