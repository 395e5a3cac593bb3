"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { lazyModule } from "@/components/forms/lazy-module";
import { fieldErrors } from "@/lib/core/forms/field-errors";
import { formatJoinCode, normalizeJoinCode } from "@/lib/core/classes/join-code";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";

// zod is loaded when the class is shown for confirming, not with the page.
const classSchemas = lazyModule(() => import("@/lib/core/classes/class-schemas"));

interface Preview {
  classId: string;
  name: string;
  description: string | null;
  teacherName: string;
  alreadyMember: boolean;
}

type Phase =
  | { name: "code"; error: string | null; busy: boolean }
  | { name: "confirm"; code: string; preview: Preview; error: string | null; busy: boolean };

/**
 * Joining a class: type the code (or arrive with it in the link), see which class and teacher
 * it names, give a name if a guest, and confirm. Every look-up goes through /api/join, whose
 * per-address limit on wrong codes this page explains when it answers 429.
 */
export function JoinFlow({
  initialCode,
  signedIn,
  accountName,
  t,
}: {
  initialCode: string | null;
  signedIn: boolean;
  accountName: string | null;
  t: Messages["join"];
}) {
  const router = useRouter();
  const id = useId();
  const [phase, setPhase] = useState<Phase>({
    name: "code",
    error: null,
    busy: initialCode !== null,
  });
  const [typed, setTyped] = useState(initialCode ?? "");
  const [nameError, setNameError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const looked = useRef(false);

  /** What to tell the student about a refused request. */
  async function problem(response: Response): Promise<string> {
    if (response.status === 429) {
      const seconds = Number(response.headers.get("Retry-After") ?? 60);
      return formatMessage(t.errors.rate_limited, {
        minutes: Math.max(1, Math.ceil(seconds / 60)),
      });
    }
    const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    return (
      (t.errors as Record<string, string>)[body.error ?? ""] ?? body.message ?? t.errors.network
    );
  }

  async function lookUp(input: string) {
    const code = normalizeJoinCode(input);
    if (!code) {
      setPhase({ name: "code", error: t.errors.join_code_invalid, busy: false });
      return;
    }
    setPhase({ name: "code", error: null, busy: true });
    try {
      const response = await fetch(`/api/join/${formatJoinCode(code)}`, { cache: "no-store" });
      if (response.ok) {
        setPhase({
          name: "confirm",
          code,
          preview: (await response.json()) as Preview,
          error: null,
          busy: false,
        });
        return;
      }
      setPhase({ name: "code", error: await problem(response), busy: false });
    } catch {
      setPhase({ name: "code", error: t.errors.network, busy: false });
    }
  }

  // A link carries the code: look it up once on arrival.
  useEffect(() => {
    if (initialCode === null || looked.current) return;
    looked.current = true;
    void lookUp(initialCode);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the code in the link
  }, []);

  useEffect(() => {
    if (phase.name !== "confirm") return;
    heading.current?.focus();
    void classSchemas.load().catch(() => undefined);
  }, [phase.name]);

  async function join(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (phase.name !== "confirm") return;
    const displayName = String(new FormData(event.currentTarget).get("displayName") ?? "");
    let schemas: Awaited<ReturnType<typeof classSchemas.load>>;
    try {
      schemas = await classSchemas.load();
    } catch {
      setPhase({ ...phase, error: t.errors.network });
      return;
    }
    const parsed = schemas.JoinClassSchema.safeParse({ displayName });
    if (!parsed.success || (!signedIn && !parsed.data.displayName)) {
      const key = parsed.success
        ? "student_name_required"
        : (fieldErrors(parsed.error).displayName ?? "student_name_invalid");
      setNameError((t.errors as Record<string, string>)[key] ?? key);
      return;
    }
    setNameError(null);
    setPhase({ ...phase, busy: true, error: null });
    try {
      const response = await fetch(`/api/join/${formatJoinCode(phase.code)}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(parsed.data),
      });
      if (response.ok) {
        const { classId } = (await response.json()) as { classId: string };
        router.push(`/classes/${classId}`);
        router.refresh();
        return;
      }
      setPhase({ ...phase, busy: false, error: await problem(response) });
    } catch {
      setPhase({ ...phase, busy: false, error: t.errors.network });
    }
  }

  if (phase.name === "confirm") {
    const { preview } = phase;
    return (
      <section className="card join-confirm" aria-labelledby={`${id}-class`}>
        <p className="muted small">{t.classLabel}</p>
        <h2 id={`${id}-class`} ref={heading} tabIndex={-1}>
          {preview.name}
        </h2>
        <p>{formatMessage(t.teacher, { name: preview.teacherName })}</p>
        {preview.description && <p className="muted">{preview.description}</p>}
        {preview.alreadyMember ? (
          <>
            <p className="verdict good" role="status">
              {t.alreadyMember}
            </p>
            <div className="actions">
              <Link className="button primary" href={`/classes/${preview.classId}`}>
                {t.openClass}
              </Link>
            </div>
          </>
        ) : (
          <form onSubmit={(event) => void join(event)} className="form-grid" noValidate>
            <div className="field">
              <label htmlFor={`${id}-name`}>{signedIn ? t.accountName : t.guestName}</label>
              <input
                id={`${id}-name`}
                name="displayName"
                autoComplete="name"
                maxLength={60}
                defaultValue={accountName ?? ""}
                aria-invalid={nameError ? true : undefined}
                aria-describedby={`${id}-name-error${signedIn ? "" : ` ${id}-guest`}`}
              />
              {!signedIn && (
                <p id={`${id}-guest`} className="muted small">
                  {t.guestNote}
                </p>
              )}
              <p id={`${id}-name-error`} className="field-error" aria-live="polite">
                {nameError}
              </p>
            </div>
            <p role="alert" className="field-error">
              {phase.error}
            </p>
            <div className="actions">
              <button type="submit" className="button primary" disabled={phase.busy}>
                {phase.busy ? t.joining : t.joinButton}
              </button>
            </div>
          </form>
        )}
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => setPhase({ name: "code", error: null, busy: false })}
          >
            {t.anotherCode}
          </button>
        </p>
      </section>
    );
  }

  return (
    <form
      className="form-grid card join-code-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void lookUp(typed);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-code`}>{t.code}</label>
        <input
          id={`${id}-code`}
          className="join-code-input"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          aria-invalid={phase.error ? true : undefined}
          aria-describedby={`${id}-code-hint ${id}-code-error`}
        />
        <p id={`${id}-code-hint`} className="muted small">
          {t.codeHint}
        </p>
      </div>
      <p id={`${id}-code-error`} role="alert" className="field-error">
        {phase.error}
      </p>
      <button type="submit" className="button primary" disabled={phase.busy}>
        {phase.busy ? t.finding : t.find}
      </button>
    </form>
  );
}
