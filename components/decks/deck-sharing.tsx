"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { Messages } from "@/lib/i18n/locales";
import { apiErrorOf, rateLimitNotice } from "@/components/api-error";

type Visibility = "private" | "class" | "public";

/** The author chooses who sees their deck: only them, students of some of their classes, all. */
export function DeckSharing({
  deckId,
  visibility,
  classIds,
  classes,
  t,
  tl,
}: {
  deckId: string;
  visibility: Visibility;
  classIds: string[];
  classes: { id: string; name: string }[];
  t: Messages["decks"];
  tl: Messages["limits"];
}) {
  const router = useRouter();
  const ids = useId();
  const [chosen, setChosen] = useState<Visibility>(visibility);
  const [shared, setShared] = useState(new Set(classIds));
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | { error: string }>("idle");

  async function save() {
    setStatus("saving");
    try {
      const response = await fetch(`/api/decks/${encodeURIComponent(deckId)}/sharing`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          visibility: chosen,
          classIds: chosen === "class" ? [...shared] : [],
        }),
      });
      if (response.ok) {
        setStatus("saved");
        router.refresh();
        return;
      }
      setStatus({ error: rateLimitNotice(await apiErrorOf(response), tl) ?? t.sharingFailed });
    } catch {
      setStatus({ error: t.sharingFailed });
    }
  }

  const options: [Visibility, string][] = [
    ["private", t.sharingPrivate],
    ["class", t.sharingClass],
    ["public", t.sharingPublic],
  ];
  return (
    <form
      className="card deck-sharing"
      aria-labelledby={`${ids}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id={`${ids}-title`}>{t.sharing}</h2>
      <fieldset>
        <legend className="visually-hidden">{t.sharing}</legend>
        {options.map(([value, label]) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${ids}-visibility`}
              value={value}
              checked={chosen === value}
              onChange={() => setChosen(value)}
            />{" "}
            {label}
          </label>
        ))}
      </fieldset>
      {chosen === "class" && (
        <fieldset>
          <legend>{t.sharingClasses}</legend>
          {classes.length === 0 && <p className="muted">{t.sharingNoClasses}</p>}
          {classes.map((k) => (
            <label key={k.id} className="choice">
              <input
                type="checkbox"
                checked={shared.has(k.id)}
                onChange={(event) => {
                  const next = new Set(shared);
                  if (event.target.checked) next.add(k.id);
                  else next.delete(k.id);
                  setShared(next);
                }}
              />{" "}
              {k.name}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" className="button" disabled={status === "saving"}>
        {t.sharingSave}
      </button>
      <p aria-live="polite" className={typeof status === "object" ? "field-error" : "muted"}>
        {status === "saved" ? t.sharingSaved : typeof status === "object" ? status.error : ""}
      </p>
    </form>
  );
}
