"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { lazyModule } from "@/components/forms/lazy-module";
import { fieldErrors } from "@/lib/core/forms/field-errors";
import { REPORT_COMMENT_MAX, REPORT_REASONS } from "@/lib/core/reports/report-reasons";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";

/**
 * "Report a problem" under a question: opens a modal dialog (reason, optional comment) that
 * posts to /api/questions/<id>/reports. Keys pressed here stay here, so the study page's
 * shortcuts (1–4, Space, U) do not fire while the learner types or picks a reason.
 */
export function ReportProblemButton({
  questionId,
  prompt,
  t,
}: {
  questionId: string;
  prompt: string;
  t: Messages["reports"];
}) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <span className="report-problem" onKeyDown={(event) => event.stopPropagation()}>
      <button
        ref={trigger}
        type="button"
        className="link-button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {t.open}
      </button>
      {open && (
        <ReportDialog
          questionId={questionId}
          prompt={prompt}
          t={t}
          onClosed={() => {
            setOpen(false);
            trigger.current?.focus();
          }}
        />
      )}
    </span>
  );
}

// zod is loaded when a dialog opens, not with every study page.
const reportSchemas = lazyModule(() => import("@/lib/core/reports/report-schemas"));

type Phase =
  | { name: "editing"; errors: Record<string, string>; message: string | null }
  | { name: "sending" }
  | { name: "sent" };

function ReportDialog({
  questionId,
  prompt,
  t,
  onClosed,
}: {
  questionId: string;
  prompt: string;
  t: Messages["reports"];
  onClosed: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ name: "editing", errors: {}, message: null });
  const errors = phase.name === "editing" ? phase.errors : {};

  // showModal moves the focus to the first radio, keeps it inside, and closes on Escape. No
  // cleanup: an unmounted dialog leaves the top layer by itself.
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
    void reportSchemas.load().catch(() => undefined);
  }, []);
  useEffect(() => {
    if (phase.name === "sent") closeButton.current?.focus();
  }, [phase.name]);

  const close = () => dialog.current?.close();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = Object.fromEntries(new FormData(form));
    let schemas: Awaited<ReturnType<typeof reportSchemas.load>>;
    try {
      schemas = await reportSchemas.load();
    } catch {
      setPhase({ name: "editing", errors: {}, message: t.errors.network });
      return;
    }
    const parsed = schemas.QuestionReportSchema.safeParse(values);
    if (!parsed.success) {
      const found = fieldErrors(parsed.error);
      setPhase({ name: "editing", errors: found, message: null });
      form.querySelector<HTMLElement>(found.reason ? "input[name=reason]" : "textarea")?.focus();
      return;
    }
    setPhase({ name: "sending" });
    let message: string;
    try {
      const response = await fetch(`/api/questions/${encodeURIComponent(questionId)}/reports`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(parsed.data),
      });
      if (response.ok) {
        setPhase({ name: "sent" });
        return;
      }
      const seconds = Number(response.headers.get("Retry-After") ?? 60);
      message =
        response.status === 429
          ? formatMessage(t.errors.rate_limited, { minutes: Math.max(1, Math.ceil(seconds / 60)) })
          : response.status === 404
            ? t.errors.not_found
            : (((await response.json().catch(() => ({}))) as { message?: string }).message ??
              t.errors.network);
    } catch {
      message = t.errors.network;
    }
    setPhase({ name: "editing", errors: {}, message });
  }

  const translate = (key: string) => (t.errors as Record<string, string>)[key] ?? key;
  return (
    <dialog
      ref={dialog}
      className="report-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-prompt`}
      onClose={onClosed}
    >
      <h2 id={`${id}-title`}>{t.title}</h2>
      <p id={`${id}-prompt`} className="muted report-prompt">
        {prompt}
      </p>
      {phase.name === "sent" ? (
        <>
          <p className="verdict good" role="status">
            {t.thanks}
          </p>
          <div className="actions">
            <button ref={closeButton} type="button" className="button primary" onClick={close}>
              {t.close}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <fieldset aria-describedby={errors.reason ? `${id}-reason-error` : undefined}>
            <legend>{t.reason}</legend>
            {REPORT_REASONS.map((reason) => (
              <label key={reason} className="check-line">
                <input type="radio" name="reason" value={reason} />
                {t.reasons[reason]}
              </label>
            ))}
            {errors.reason && (
              <p id={`${id}-reason-error`} className="field-error">
                {translate(errors.reason)}
              </p>
            )}
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t.comment}</label>
            <textarea
              id={`${id}-comment`}
              name="comment"
              rows={4}
              maxLength={REPORT_COMMENT_MAX}
              aria-invalid={errors.comment ? true : undefined}
              aria-describedby={`${id}-comment-hint${errors.comment ? ` ${id}-comment-error` : ""}`}
            />
            <p id={`${id}-comment-hint`} className="muted small">
              {t.commentHint}
            </p>
            {errors.comment && (
              <p id={`${id}-comment-error`} className="field-error">
                {translate(errors.comment)}
              </p>
            )}
          </div>
          <p className="field-error" role="alert">
            {phase.name === "editing" ? phase.message : null}
          </p>
          <div className="actions">
            <button type="submit" className="button primary" disabled={phase.name === "sending"}>
              {phase.name === "sending" ? t.sending : t.send}
            </button>
            <button type="button" className="button" onClick={close}>
              {t.cancel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
