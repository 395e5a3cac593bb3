"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { DeckSummary, QuestionKind } from "@/lib/core/deck/types";
import { PRACTICE_COUNT } from "@/lib/core/practice/assemble-test";
import type { Messages } from "@/lib/i18n/locales";
import { rateLimitNotice } from "../api-error";
import { ApiError, postJson } from "./post-json";
import { lazyModule } from "@/components/forms/lazy-module";
import { DeckSelect, NumberField } from "@/components/forms/setup-fields";

// The API's own schema, with zod: loaded when the learner starts filling in the form.
const practiceSchemas = lazyModule(() => import("@/lib/server/practice/schemas"));

type T = Messages["practice"];
type DeckOption = Pick<DeckSummary, "id" | "title" | "language" | "aspects" | "countsByKind">;

function toggle<V>(set: ReadonlySet<V>, value: V): Set<V> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

/** Deck, aspects, kinds and count of a new practice test; starts it and opens its page. */
export function PracticeSetupForm({
  decks,
  defaultDeckId,
  t,
  tl,
  kindNames,
}: {
  decks: DeckOption[];
  defaultDeckId: string;
  t: T;
  tl: Messages["limits"];
  kindNames: Messages["study"]["kinds"];
}) {
  const router = useRouter();
  const [deckId, setDeckId] = useState(defaultDeckId);
  const [aspects, setAspects] = useState<Set<string>>(new Set());
  const [kinds, setKinds] = useState<Set<QuestionKind>>(new Set());
  const [count, setCount] = useState(String(PRACTICE_COUNT.default));
  const [seed, setSeed] = useState("");
  const [countForReview, setCountForReview] = useState(false);
  // One id per start: a double submit or a retry after a lost response starts one test.
  const [clientId] = useState(() => crypto.randomUUID());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deck = decks.find((d) => d.id === deckId) ?? decks[0];
  const availableKinds = Object.keys(deck?.countsByKind ?? {}) as QuestionKind[];

  async function start(event: FormEvent) {
    event.preventDefault();
    let schemas: Awaited<ReturnType<typeof practiceSchemas.load>>;
    try {
      schemas = await practiceSchemas.load();
    } catch {
      setError(t.errors.network);
      return;
    }
    const parsed = schemas.StartPracticeSchema.safeParse({
      clientId,
      deckId,
      aspects: [...aspects],
      kinds: [...kinds],
      count: Number(count),
      seed: seed.trim() === "" ? undefined : Number(seed),
      countForReview,
    });
    if (!parsed.success) {
      setError(t.errors.invalid);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const { attemptId } = await postJson<{ attemptId: string }>(
        "/api/practice/attempts",
        parsed.data,
      );
      router.push(`/practice/${attemptId}`);
    } catch (failure) {
      setPending(false);
      setError(
        rateLimitNotice(failure, tl) ??
          (failure instanceof ApiError && failure.code === "no_questions"
            ? t.errors.no_questions
            : failure instanceof ApiError && failure.status === 400
              ? t.errors.invalid
              : t.errors.network),
      );
    }
  }

  return (
    <form
      className="card setup-form"
      onSubmit={start}
      onFocus={() => void practiceSchemas.load().catch(() => undefined)}
      aria-describedby="practice-error"
    >
      <DeckSelect
        id="practice-deck"
        label={t.deck}
        decks={decks}
        value={deckId}
        onChange={(id) => {
          setDeckId(id);
          setAspects(new Set());
        }}
      />
      <fieldset className="choice-grid">
        <legend>{t.aspects}</legend>
        <p className="muted small">{t.aspectsHint}</p>
        {deck?.aspects.map((aspect) => (
          <label key={aspect.key}>
            <input
              type="checkbox"
              name="aspect"
              value={aspect.key}
              checked={aspects.has(aspect.key)}
              onChange={() => setAspects((s) => toggle(s, aspect.key))}
            />{" "}
            {aspect.title}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-grid">
        <legend>{t.kinds}</legend>
        <p className="muted small">{t.kindsHint}</p>
        {availableKinds.map((kind) => (
          <label key={kind}>
            <input
              type="checkbox"
              name="kind"
              value={kind}
              checked={kinds.has(kind)}
              onChange={() => setKinds((s) => toggle(s, kind))}
            />{" "}
            {kindNames[kind]}
          </label>
        ))}
      </fieldset>
      <NumberField
        id="practice-count"
        label={t.count}
        min={PRACTICE_COUNT.min}
        max={PRACTICE_COUNT.max}
        required
        value={count}
        onChange={setCount}
      />
      <label className="check-line">
        <input
          type="checkbox"
          checked={countForReview}
          onChange={(e) => setCountForReview(e.target.checked)}
        />{" "}
        {t.countForReview}
      </label>
      <details>
        <summary>{t.advanced}</summary>
        <NumberField id="practice-seed" label={t.seed} min={0} value={seed} onChange={setSeed} />
      </details>
      <p id="practice-error" className="field-error" role="alert">
        {error}
      </p>
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? t.starting : t.start}
      </button>
    </form>
  );
}
