"use client";

import { useActionState } from "react";
import type { StudySettings } from "@/lib/core/study/settings";
import type { Messages } from "@/lib/i18n/locales";
import { rateLimitMessage } from "@/lib/i18n/rate-limit-message";
import { saveStudySettings, type SettingsFormState } from "@/app/study/settings/actions";

type Field = keyof SettingsFormState["errors"];

export function SettingsForm({
  settings,
  t,
  tl,
}: {
  settings: StudySettings;
  t: Messages["settings"];
  tl: Messages["limits"];
}) {
  const [state, action, pending] = useActionState(saveStudySettings, {
    status: "idle",
    errors: {},
  });
  const fields: { name: Field; value: string; type: string; step?: string; hint?: string }[] = [
    {
      name: "desiredRetention",
      value: String(settings.desiredRetention),
      type: "number",
      step: "0.01",
    },
    { name: "maximumInterval", value: String(settings.maximumInterval), type: "number", step: "1" },
    { name: "newCardsPerDay", value: String(settings.newCardsPerDay), type: "number", step: "1" },
    { name: "reviewsPerDay", value: String(settings.reviewsPerDay), type: "number", step: "1" },
    {
      name: "learningSteps",
      value: settings.learningSteps.join(" "),
      type: "text",
      hint: t.stepsHint,
    },
    {
      name: "relearningSteps",
      value: settings.relearningSteps.join(" "),
      type: "text",
      hint: t.stepsHint,
    },
    { name: "timeZone", value: settings.timeZone, type: "text" },
  ];
  return (
    <form action={action} className="form-grid card" noValidate>
      {fields.map((f) => {
        const error = state.errors[f.name];
        return (
          <div key={f.name} className="field">
            <label htmlFor={f.name}>{t.fields[f.name]}</label>
            <input
              id={f.name}
              name={f.name}
              type={f.type}
              step={f.step}
              defaultValue={f.value}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${f.name}-hint ${f.name}-error`}
            />
            {f.hint && (
              <p id={`${f.name}-hint`} className="muted small">
                {f.hint}
              </p>
            )}
            <p id={`${f.name}-error`} className="field-error" aria-live="polite">
              {error}
            </p>
          </div>
        );
      })}
      <button type="submit" className="button primary" disabled={pending}>
        {t.save}
      </button>
      <p role="status" aria-live="polite">
        {state.status === "saved"
          ? t.saved
          : state.status === "invalid"
            ? t.invalid
            : state.status === "rate_limited"
              ? rateLimitMessage(tl, state)
              : ""}
      </p>
    </form>
  );
}
