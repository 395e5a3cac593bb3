"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";
import type { InterviewItemView, InterviewView } from "@/lib/server/practice/interview-queries";
import { rateLimitNotice } from "../api-error";
import { postJson } from "../practice/post-json";

type ItemsOnly = Pick<InterviewView, "id" | "items" | "secondsPerQuestion">;

function formatSeconds(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/**
 * Runs a mock interview: one open question at a time with a countdown whose deadline the server
 * keeps (a reload shows the time really left), then the model answer and its key-point
 * checklist. When the last item is checked the page refreshes into the report.
 */
export function InterviewRunner({
  initial,
  aspectTitles,
  t,
  errorText,
  tl,
}: {
  initial: ItemsOnly;
  aspectTitles: Record<string, string>;
  t: Messages["interview"];
  errorText: string;
  tl: Messages["limits"];
}) {
  const router = useRouter();
  const [view, setView] = useState<ItemsOnly>(initial);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const item: InterviewItemView | undefined = view.items.find((i) => i.state !== "checked");

  const send = useCallback(
    async (path: "answers" | "checks", body: unknown) => {
      setPending(true);
      setNotice(null);
      try {
        const next = await postJson<InterviewView>(
          `/api/interviews/${encodeURIComponent(view.id)}/${path}`,
          body,
        );
        setView(next);
        if (next.items.every((i) => i.state === "checked")) router.refresh();
      } catch (error) {
        setNotice(rateLimitNotice(error, tl) ?? errorText);
      } finally {
        setPending(false);
      }
    },
    [view.id, router, errorText, tl],
  );

  if (!item) return null;
  const total = view.items.length;
  return (
    <div className="study interview">
      <div className="study-toolbar">
        <p className="queue-counts" data-testid="interview-position">
          {formatMessage(t.question, { n: item.position + 1, total })}
        </p>
      </div>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <article className="card study-card" aria-labelledby="interview-prompt">
        <p className="kind-label muted">
          {t.types[item.type]} ·{" "}
          <span data-testid="interview-aspect">{aspectTitles[item.aspect] ?? item.aspect}</span>
        </p>
        <h2 id="interview-prompt" className="prompt">
          {item.prompt}
        </h2>
        {item.state === "open" ? (
          <OpenQuestion
            key={item.position}
            item={item}
            seconds={view.secondsPerQuestion}
            pending={pending}
            t={t}
            onSubmit={(text, clientAnswerId, timedOut) =>
              send("answers", { position: item.position, clientAnswerId, text, timedOut })
            }
          />
        ) : (
          <Checklist
            key={item.position}
            item={item}
            last={item.position === total - 1}
            pending={pending}
            t={t}
            onCheck={(coveredPoints) => send("checks", { position: item.position, coveredPoints })}
          />
        )}
      </article>
    </div>
  );
}

function OpenQuestion({
  item,
  seconds,
  pending,
  t,
  onSubmit,
}: {
  item: InterviewItemView;
  seconds: number;
  pending: boolean;
  t: Messages["interview"];
  onSubmit: (text: string, clientAnswerId: string, timedOut: boolean) => Promise<void>;
}) {
  const [text, setText] = useState("");
  // The server's remaining time, counted from when this view arrived: immune to clock skew.
  const [deadline] = useState(() => Date.now() + (item.remainingMs ?? seconds * 1000));
  const [left, setLeft] = useState(() => Math.ceil((item.remainingMs ?? seconds * 1000) / 1000));
  const [clientAnswerId] = useState(() => crypto.randomUUID());
  const sent = useRef(false);

  const submit = useCallback(
    async (timedOut: boolean) => {
      if (sent.current) return;
      sent.current = true;
      await onSubmit(text, clientAnswerId, timedOut);
      // A failed send may be tried again (same answer id: stored once).
      sent.current = false;
    },
    [onSubmit, clientAnswerId, text],
  );

  useEffect(() => {
    const timer = window.setInterval(() => {
      const remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        window.clearInterval(timer);
        void submit(true);
      }
    }, 250);
    return () => window.clearInterval(timer);
  }, [deadline, submit]);

  const urgent = left <= 10;
  return (
    <form
      className="interview-answer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(false);
      }}
    >
      <div className="countdown">
        <span className="muted">{t.timeLeft}:</span>{" "}
        <span role="timer" aria-live="off" className={urgent ? "time urgent" : "time"}>
          {formatSeconds(left)}
        </span>
        <progress max={seconds} value={left} aria-hidden="true" />
      </div>
      <label htmlFor="interview-text">{t.yourAnswer}</label>
      <textarea
        id="interview-text"
        rows={6}
        autoFocus
        value={text}
        maxLength={5000}
        disabled={pending || left === 0}
        aria-describedby="interview-hint"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit(false);
          }
        }}
      />
      <p id="interview-hint" className="muted small">
        {t.submitHint}
      </p>
      <button type="submit" className="button primary" disabled={pending || left === 0}>
        {t.submit}
      </button>
    </form>
  );
}

function Checklist({
  item,
  last,
  pending,
  t,
  onCheck,
}: {
  item: InterviewItemView;
  last: boolean;
  pending: boolean;
  t: Messages["interview"];
  onCheck: (coveredPoints: number[]) => Promise<void>;
}) {
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  return (
    <form
      className="feedback"
      onSubmit={(event) => {
        event.preventDefault();
        void onCheck([...ticked].sort((a, b) => a - b));
      }}
    >
      {item.timedOut && (
        <p className="verdict bad" role="status">
          {t.timedOut}
        </p>
      )}
      <p>
        <span className="muted">{t.yourAnswer}:</span>{" "}
        <span className="answer-text">{item.text?.trim() ? item.text : t.noAnswer}</span>
      </p>
      <h3>{t.modelAnswer}</h3>
      <p className="model-answer">{item.modelAnswer}</p>
      <fieldset className="checklist">
        <legend>{t.checklist}</legend>
        {(item.keyPoints ?? []).map((point, index) => (
          <label key={index}>
            <input
              type="checkbox"
              checked={ticked.has(index)}
              autoFocus={index === 0}
              onChange={() =>
                setTicked((s) => {
                  const next = new Set(s);
                  if (next.has(index)) next.delete(index);
                  else next.add(index);
                  return next;
                })
              }
            />{" "}
            {point.text}
          </label>
        ))}
      </fieldset>
      {item.source && (
        <figure className="source-quote">
          <blockquote>{item.source.quote}</blockquote>
          <figcaption className="muted">
            {t.source}: {item.source.section.join(" › ")}, {t.line} {item.source.line}
          </figcaption>
        </figure>
      )}
      <button type="submit" className="button primary" disabled={pending}>
        {last ? t.finish : t.next}
      </button>
    </form>
  );
}
