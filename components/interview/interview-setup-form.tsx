"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { INTERVIEW_LIMITS } from "@/lib/core/practice/assemble-interview";
import type { Messages } from "@/lib/i18n/locales";
import { rateLimitNotice } from "../api-error";
import { postJson } from "../practice/post-json";
import { lazyModule } from "@/components/forms/lazy-module";
import { DeckSelect, NumberField, type DeckChoice } from "@/components/forms/setup-fields";

// The API's own schema, with zod: loaded when the learner starts filling in the form.
const practiceSchemas = lazyModule(() => import("@/lib/server/practice/schemas"));

/** Deck, number of questions and seconds per question of a mock interview; starts it. */
export function InterviewSetupForm({
  decks,
  defaultDeckId,
  t,
  errors,
  tl,
}: {
  decks: DeckChoice[];
  defaultDeckId: string;
  t: Messages["interview"];
  errors: Messages["practice"]["errors"];
  tl: Messages["limits"];
}) {
  const router = useRouter();
  const [deckId, setDeckId] = useState(defaultDeckId);
  const [count, setCount] = useState(String(INTERVIEW_LIMITS.count.default));
  const [seconds, setSeconds] = useState(String(INTERVIEW_LIMITS.seconds.default));
  const [clientId] = useState(() => crypto.randomUUID());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start(event: FormEvent) {
    event.preventDefault();
    let schemas: Awaited<ReturnType<typeof practiceSchemas.load>>;
    try {
      schemas = await practiceSchemas.load();
    } catch {
      setError(errors.network);
      return;
    }
    const parsed = schemas.StartInterviewSchema.safeParse({
      clientId,
      deckId,
      count: Number(count),
      secondsPerQuestion: Number(seconds),
    });
    if (!parsed.success) {
      setError(errors.invalid);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const { sessionId } = await postJson<{ sessionId: string }>("/api/interviews", parsed.data);
      router.push(`/interview/${sessionId}`);
    } catch (failure) {
      setPending(false);
      setError(rateLimitNotice(failure, tl) ?? errors.network);
    }
  }

  return (
    <form
      className="card setup-form"
      onSubmit={start}
      onFocus={() => void practiceSchemas.load().catch(() => undefined)}
      aria-describedby="interview-error"
    >
      <DeckSelect
        id="interview-deck"
        label={t.deck}
        decks={decks}
        value={deckId}
        onChange={setDeckId}
      />
      <NumberField
        id="interview-count"
        label={t.count}
        min={INTERVIEW_LIMITS.count.min}
        max={INTERVIEW_LIMITS.count.max}
        required
        value={count}
        onChange={setCount}
      />
      <NumberField
        id="interview-seconds"
        label={t.seconds}
        min={INTERVIEW_LIMITS.seconds.min}
        max={INTERVIEW_LIMITS.seconds.max}
        required
        value={seconds}
        onChange={setSeconds}
      />
      <p id="interview-error" className="field-error" role="alert">
        {error}
      </p>
      <button type="submit" className="button primary" disabled={pending}>
        {t.start}
      </button>
    </form>
  );
}
