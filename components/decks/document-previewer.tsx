"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import type { DeckPreview, DocumentIssue, PreviewResult, QuestionKind } from "@/lib/core/deck";
import { documentIssueText } from "@/lib/i18n/document-issue-text";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";
import { apiErrorOf, rateLimitNotice } from "@/components/api-error";

const MAX_BYTES = 256 * 1024;

type State =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "saving" }
  | { status: "failed"; message: string }
  | { status: "done"; result: PreviewResult };

/** Where the document is saved: a new deck (POST /api/decks) or the author's edit of one. */
export interface SaveTarget {
  url: string;
  method: "POST" | "PUT";
}

/** Character offsets of 1-based line `line` in `text` (the end excludes its line break). */
function lineRange(text: string, line: number): [number, number] {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf("\n", start);
    if (next < 0) return [text.length, text.length];
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return [start, end < 0 ? text.length : end];
}

/** 1, 2, … one per line of `text`: the gutter next to the text area. */
function lineNumbers(text: string): string {
  const count = text.split("\n").length;
  return Array.from({ length: count }, (_, i) => i + 1).join("\n");
}

/**
 * Paste or upload a comparison document and see what deck it yields, or what stops it, line by
 * line; then save it. An uploaded file goes to the server as its own bytes, so a file in another
 * encoding is reported as such rather than silently garbled by the browser. Saving is offered only
 * for the document last previewed without problems.
 */
export function DocumentPreviewer({
  t,
  tk,
  tl,
  save,
  initialText = "",
}: {
  t: Messages["newDeck"];
  tk: Messages["study"]["kinds"];
  tl: Messages["limits"];
  save: SaveTarget;
  initialText?: string;
}) {
  const router = useRouter();
  const [text, setText] = useState(initialText);
  /** The bytes of the last preview that had no problem: what Save sends. */
  const [previewed, setPreviewed] = useState<Uint8Array | null>(null);
  const gutter = useRef<HTMLPreElement>(null);
  /** The uploaded file's bytes, while the text area still shows that file unedited. */
  const [uploaded, setUploaded] = useState<Uint8Array | null>(null);
  const [state, setState] = useState<State>({ status: "idle" });
  const textArea = useRef<HTMLTextAreaElement>(null);
  const ids = useId();
  const busy = state.status === "loading" || state.status === "saving";

  async function preview(bytes: Uint8Array) {
    if (bytes.byteLength > MAX_BYTES) {
      setState({ status: "failed", message: t.tooLarge });
      return;
    }
    setState({ status: "loading" });
    try {
      const response = await fetch("/api/decks/preview", {
        method: "POST",
        headers: { "Content-Type": "text/markdown; charset=utf-8" },
        body: bytes as Uint8Array<ArrayBuffer>,
      });
      if (response.ok) {
        const result = (await response.json()) as PreviewResult;
        setPreviewed(result.ok ? bytes : null);
        setState({ status: "done", result });
        return;
      }
      const error = await apiErrorOf(response);
      const message = rateLimitNotice(error, tl) ?? (error.status === 413 ? t.tooLarge : t.failed);
      setState({ status: "failed", message });
    } catch {
      setState({ status: "failed", message: t.failed });
    }
  }

  async function saveDeck(bytes: Uint8Array) {
    setState({ status: "saving" });
    try {
      const response = await fetch(save.url, {
        method: save.method,
        headers: { "Content-Type": "text/markdown; charset=utf-8" },
        body: bytes as Uint8Array<ArrayBuffer>,
      });
      if (response.ok) {
        const result = (await response.json()) as
          { ok: true; deckId: string } | { ok: false; issues: DocumentIssue[] };
        if (result.ok) {
          router.push(`/decks/${encodeURIComponent(result.deckId)}`);
          router.refresh();
          return;
        }
        setPreviewed(null);
        setState({ status: "done", result });
        return;
      }
      const error = await apiErrorOf(response);
      const message =
        rateLimitNotice(error, tl) ?? (error.status === 409 ? t.deckLimit : t.saveFailed);
      setState({ status: "failed", message });
    } catch {
      setState({ status: "failed", message: t.saveFailed });
    }
  }

  async function onFile(file: File | undefined) {
    if (!file) return;
    if (!/\.(md|markdown|txt)$/i.test(file.name)) {
      setState({ status: "failed", message: t.wrongType });
      return;
    }
    if (file.size > MAX_BYTES) {
      setState({ status: "failed", message: t.tooLarge });
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    setText(new TextDecoder().decode(bytes));
    setUploaded(bytes);
    setPreviewed(null);
    await preview(bytes);
  }

  function selectLine(line: number) {
    const area = textArea.current;
    if (!area) return;
    const [start, end] = lineRange(area.value, line);
    area.focus();
    area.setSelectionRange(start, end);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  return (
    <div className="document-preview">
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          void preview(uploaded ?? new TextEncoder().encode(text));
        }}
      >
        <label htmlFor={`${ids}-file`}>{t.upload}</label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".md,.markdown,.txt,text/markdown,text/plain"
          onChange={(event) => void onFile(event.target.files?.[0])}
        />
        <label htmlFor={`${ids}-text`}>{t.document}</label>
        <div className="numbered-text">
          <pre className="line-numbers" aria-hidden="true" ref={gutter}>
            {lineNumbers(text)}
          </pre>
          <textarea
            id={`${ids}-text`}
            ref={textArea}
            className="document-text"
            rows={20}
            spellCheck={false}
            wrap="off"
            value={text}
            onScroll={(event) => {
              if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
            }}
            onChange={(event) => {
              setText(event.target.value);
              setUploaded(null);
              setPreviewed(null);
            }}
          />
        </div>
        <div className="actions">
          <button
            type="submit"
            className="button"
            disabled={busy || (text.trim() === "" && !uploaded)}
          >
            {state.status === "loading" ? t.previewing : t.preview}
          </button>
          <button
            type="button"
            className="button primary"
            disabled={busy || !previewed}
            aria-describedby={`${ids}-save-hint`}
            onClick={() => previewed && void saveDeck(previewed)}
          >
            {state.status === "saving" ? t.saving : t.save}
          </button>
        </div>
        <p id={`${ids}-save-hint`} className="muted small">
          {t.saveHint}
        </p>
      </form>
      <div aria-live="polite">
        {state.status === "failed" && (
          <p className="card field-error" role="alert">
            {state.message}
          </p>
        )}
        {state.status === "done" && !state.result.ok && (
          <Problems issues={state.result.issues} t={t} onLine={selectLine} />
        )}
        {state.status === "done" && state.result.ok && (
          <PreviewSummary preview={state.result.preview} t={t} tk={tk} onLine={selectLine} />
        )}
      </div>
    </div>
  );
}

function Problems({
  issues,
  t,
  onLine,
}: {
  issues: DocumentIssue[];
  t: Messages["newDeck"];
  onLine: (line: number) => void;
}) {
  return (
    <section className="card" data-testid="document-problems">
      <h2>{t.problems}</h2>
      <p className="muted">{t.problemsLead}</p>
      <ul>
        {issues.map((issue, index) => (
          <li key={index}>
            {issue.line !== undefined && (
              <>
                <button type="button" className="link-button" onClick={() => onLine(issue.line!)}>
                  {formatMessage(t.line, { line: issue.line })}
                </button>
                {": "}
              </>
            )}
            {documentIssueText(issue, t.issues)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PreviewSummary({
  preview,
  t,
  tk,
  onLine,
}: {
  preview: DeckPreview;
  t: Messages["newDeck"];
  tk: Messages["study"]["kinds"];
  onLine: (line: number) => void;
}) {
  const { summary, total, samples, dropped } = preview;
  return (
    <section className="card" data-testid="deck-preview">
      <h2>
        {t.result}: {summary.title}
      </h2>
      <p>
        {t.concepts}: {summary.concepts.map((c) => c.name).join(", ")}
      </p>
      <p>
        {t.aspects}: {summary.aspects.map((a) => a.title).join(", ")}
      </p>
      <table className="kind-table">
        <tbody>
          {(Object.entries(summary.countsByKind) as [QuestionKind, number][]).map(
            ([kind, count]) => (
              <tr key={kind}>
                <th scope="row">{tk[kind]}</th>
                <td>{count}</td>
              </tr>
            ),
          )}
          <tr>
            <th scope="row">{t.total}</th>
            <td>{total}</td>
          </tr>
        </tbody>
      </table>
      {dropped.total > 0 && (
        <details>
          <summary>{formatMessage(t.dropped, { count: dropped.total })}</summary>
          <ul>
            {dropped.byRule.map(({ rule, count, description }) => (
              <li key={rule}>
                {t.qualityRules[rule] ?? description} ({count})
              </li>
            ))}
          </ul>
        </details>
      )}
      <h3>{t.samples}</h3>
      <ol className="preview-samples">
        {samples.map((question) => (
          <li key={question.id}>
            <p className="muted small">{tk[question.kind]}</p>
            <p>{question.prompt}</p>
            <p>
              {t.answer}: {question.answer}
            </p>
            <blockquote>
              {question.source.quote}{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => onLine(question.source.line)}
              >
                {formatMessage(t.source, { line: question.source.line })}
              </button>
            </blockquote>
          </li>
        ))}
      </ol>
    </section>
  );
}
