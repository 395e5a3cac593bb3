"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiErrorOf } from "@/components/api-error";
import { LIVE_KINDS, LIVE_QUESTION_COUNT, LIVE_SECONDS } from "@/lib/core/live/live-limits";
import type { Messages } from "@/lib/i18n/locales";

export interface DeckChoice {
  id: string;
  title: string;
  aspects: { key: string; title: string }[];
}

/**
 * The settings of a new live game; the API checks them (the deck has matching questions, the
 * class is the host's own) and the host lands on the projector screen of the new game.
 */
export function CreateGameForm(props: {
  decks: DeckChoice[];
  classes: { id: string; name: string }[];
  initialDeckId: string | null;
  t: Messages["live"]["create"];
}) {
  const { decks, classes, t } = props;
  const router = useRouter();
  const [deckId, setDeckId] = useState(props.initialDeckId ?? decks[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const deck = decks.find((d) => d.id === deckId);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const classId = String(form.get("classId") ?? "");
    const settings = {
      deckId,
      aspects: form.getAll("aspects").map(String),
      kinds: form.getAll("kinds").map(String),
      questionCount: Number(form.get("questionCount")),
      secondsPerQuestion: Number(form.get("secondsPerQuestion")),
      points: form.get("points") === "on",
      speedBonus: form.get("speedBonus") === "on",
      streakBonus: form.get("streakBonus") === "on",
      ...(classId ? { classId } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/live/games", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(settings),
      });
      if (response.ok) {
        const { gameId } = (await response.json()) as { gameId: string };
        router.push(`/live/host/${gameId}`);
        return;
      }
      setError((await apiErrorOf(response)).message);
    } catch (failure) {
      setError(String(failure));
    }
    setBusy(false);
  }

  return (
    <form className="card live-create" onSubmit={(e) => void submit(e)}>
      <label htmlFor="live-deck">{t.deck}</label>
      <select id="live-deck" value={deckId} onChange={(e) => setDeckId(e.target.value)}>
        {decks.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </select>
      {deck && deck.aspects.length > 0 && (
        <fieldset key={deck.id}>
          <legend>{t.aspects}</legend>
          {deck.aspects.map((a) => (
            <label key={a.key} className="check-line">
              <input type="checkbox" name="aspects" value={a.key} /> {a.title}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{t.kinds}</legend>
        {LIVE_KINDS.map((kind) => (
          <label key={kind} className="check-line">
            <input type="checkbox" name="kinds" value={kind} defaultChecked /> {t.kindNames[kind]}
          </label>
        ))}
      </fieldset>
      <label htmlFor="live-count">{t.count}</label>
      <input
        id="live-count"
        name="questionCount"
        type="number"
        min={LIVE_QUESTION_COUNT.min}
        max={LIVE_QUESTION_COUNT.max}
        defaultValue={LIVE_QUESTION_COUNT.default}
        required
      />
      <label htmlFor="live-seconds">{t.seconds}</label>
      <input
        id="live-seconds"
        name="secondsPerQuestion"
        type="number"
        min={LIVE_SECONDS.min}
        max={LIVE_SECONDS.max}
        defaultValue={LIVE_SECONDS.default}
        required
      />
      <fieldset>
        <legend className="visually-hidden">{t.points}</legend>
        {(["points", "speedBonus", "streakBonus"] as const).map((name) => (
          <label key={name} className="check-line">
            <input type="checkbox" name={name} defaultChecked /> {t[name]}
          </label>
        ))}
      </fieldset>
      {classes.length > 0 && (
        <>
          <label htmlFor="live-class">{t.class}</label>
          <select id="live-class" name="classId" defaultValue="">
            <option value="">{t.noClass}</option>
            {classes.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name}
              </option>
            ))}
          </select>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t.creating : t.submit}
      </button>
    </form>
  );
}
