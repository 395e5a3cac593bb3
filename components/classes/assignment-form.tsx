"use client";

import { useActionState, useState } from "react";
import { lazyModule, useLazyFormCheck } from "@/components/forms/lazy-module";
import { ASSIGNMENT_KINDS, type AssignmentKind } from "@/lib/core/classes/assignment-kinds";
import type { AssignmentField, AssignmentFormDefaults } from "@/lib/core/classes/assignment-form";
import type { QuestionKind } from "@/lib/core/deck/types";
import { formatMessage } from "@/lib/i18n/format-message";
import type { Messages } from "@/lib/i18n/locales";
import type { FormState } from "@/lib/server/form-state";

// The server's own parser, with zod: loaded when the teacher starts filling in the form.
const assignmentParser = lazyModule(() => import("@/lib/core/classes/assignment-form"));

export interface AssignmentDeckOption {
  id: string;
  title: string;
  language: string;
  aspects: { key: string; title: string }[];
  kinds: QuestionKind[];
}

/**
 * A teacher's assignment form: checked in the browser with the server's own parser (the class's
 * zone included), then by the server action, whose field errors show under the same fields.
 */
export function AssignmentForm({
  id,
  action,
  hidden,
  timeZone,
  decks,
  defaults,
  submitLabel,
  t,
  kindNames,
}: {
  id: string;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  hidden: Record<string, string>;
  timeZone: string;
  decks: AssignmentDeckOption[];
  defaults: AssignmentFormDefaults;
  submitLabel: string;
  t: Messages["classes"];
  kindNames: Messages["study"]["kinds"];
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle", errors: {} });
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const [deckId, setDeckId] = useState(defaults.deckId);
  const [kind, setKind] = useState<AssignmentKind>(defaults.kind);
  const deck = decks.find((d) => d.id === deckId) ?? decks[0];
  // After a round trip the server's verdict stands until the next submit.
  const errors: Record<string, string> = clientErrors ?? state.errors;
  const message = (key: string | undefined) =>
    key ? (t.errors[key as keyof typeof t.errors] ?? key) : "";

  const check = useLazyFormCheck(
    assignmentParser,
    ({ parseAssignmentForm, readAssignmentFormData }, event) => {
      const parsed = parseAssignmentForm(
        readAssignmentFormData(new FormData(event.currentTarget)),
        timeZone,
      );
      if (parsed.ok) {
        setClientErrors(null);
        return;
      }
      event.preventDefault();
      setClientErrors(parsed.errors);
      const first = Object.keys(parsed.errors)[0];
      event.currentTarget.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
    },
  );

  const described = (field: AssignmentField, hint = false) =>
    [hint ? `${id}-${field}-hint` : "", `${id}-${field}-error`].join(" ").trim();
  const invalid = (field: AssignmentField) => (errors[field] ? true : undefined);
  const errorLine = (field: AssignmentField) => (
    <p id={`${id}-${field}-error`} className="field-error" aria-live="polite">
      {message(errors[field])}
    </p>
  );

  return (
    <form
      id={id}
      action={formAction}
      onFocus={check.onFocus}
      onSubmit={check.onSubmit}
      className="form-grid card assignment-form"
      noValidate
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}

      <div className="field">
        <label htmlFor={`${id}-title`}>{t.assignmentTitleField}</label>
        <input
          id={`${id}-title`}
          name="title"
          data-field="title"
          defaultValue={defaults.title}
          maxLength={120}
          autoComplete="off"
          aria-invalid={invalid("title")}
          aria-describedby={described("title")}
        />
        {errorLine("title")}
      </div>

      <fieldset className="choice-grid" aria-describedby={described("kind")}>
        <legend>{t.typeField}</legend>
        {ASSIGNMENT_KINDS.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="kind"
              value={value}
              data-field={value === ASSIGNMENT_KINDS[0] ? "kind" : undefined}
              checked={kind === value}
              onChange={() => setKind(value)}
            />{" "}
            <span>
              <strong>{t.types[value]}</strong>
              <br />
              <span className="muted small">{t.typeHints[value]}</span>
            </span>
          </label>
        ))}
        {errorLine("kind")}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-deck`}>{t.deck}</label>
        <select
          id={`${id}-deck`}
          name="deckId"
          data-field="deckId"
          value={deckId}
          onChange={(event) => setDeckId(event.target.value)}
          aria-invalid={invalid("deckId")}
          aria-describedby={described("deckId")}
        >
          {decks.map((d) => (
            <option key={d.id} value={d.id}>
              {d.title} ({d.language.toUpperCase()})
            </option>
          ))}
        </select>
        {errorLine("deckId")}
      </div>

      {kind !== "interview" && (
        <>
          <fieldset className="choice-grid" aria-describedby={described("aspects")}>
            <legend>{t.aspectsField}</legend>
            {deck?.aspects.map((aspect, index) => (
              <label key={`${deck.id}:${aspect.key}`}>
                <input
                  type="checkbox"
                  name="aspects"
                  value={aspect.key}
                  data-field={index === 0 ? "aspects" : undefined}
                  defaultChecked={
                    deck.id === defaults.deckId && defaults.aspects.includes(aspect.key)
                  }
                />{" "}
                {aspect.title}
              </label>
            ))}
            {errorLine("aspects")}
          </fieldset>
          <fieldset className="choice-grid" aria-describedby={described("kinds")}>
            <legend>{t.kindsField}</legend>
            {deck?.kinds.map((value, index) => (
              <label key={`${deck.id}:${value}`}>
                <input
                  type="checkbox"
                  name="kinds"
                  value={value}
                  data-field={index === 0 ? "kinds" : undefined}
                  defaultChecked={deck.id === defaults.deckId && defaults.kinds.includes(value)}
                />{" "}
                {kindNames[value]}
              </label>
            ))}
            {errorLine("kinds")}
          </fieldset>
        </>
      )}

      <div className="field">
        <label htmlFor={`${id}-count`}>{t.questionCountField}</label>
        <input
          id={`${id}-count`}
          name="questionCount"
          data-field="questionCount"
          type="number"
          inputMode="numeric"
          min={1}
          defaultValue={defaults.questionCount}
          aria-invalid={invalid("questionCount")}
          aria-describedby={described("questionCount", true)}
        />
        <p id={`${id}-questionCount-hint`} className="muted small">
          {t.questionCountHint}
        </p>
        {errorLine("questionCount")}
      </div>

      {kind === "practice" && (
        <div className="field">
          <label htmlFor={`${id}-pass-mark`}>{t.passMarkField}</label>
          <input
            id={`${id}-pass-mark`}
            name="passMark"
            data-field="passMark"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            defaultValue={defaults.passMark}
            aria-invalid={invalid("passMark")}
            aria-describedby={described("passMark")}
          />
          {errorLine("passMark")}
        </div>
      )}

      <p id={`${id}-zone`} className="muted small">
        {formatMessage(t.zoneNote, { zone: timeZone })}
      </p>
      {(["openAt", "dueAt"] as const).map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`${id}-${field}`}>
            {field === "openAt" ? t.openAtField : t.dueAtField} ({timeZone})
          </label>
          <input
            id={`${id}-${field}`}
            name={field}
            data-field={field}
            type="datetime-local"
            defaultValue={defaults[field]}
            aria-invalid={invalid(field)}
            aria-describedby={`${id}-zone ${id}-${field}-error`}
          />
          {errorLine(field)}
        </div>
      ))}

      <button type="submit" className="button primary" disabled={pending}>
        {submitLabel}
      </button>
      <p role="status" aria-live="polite" className="field-error">
        {state.status === "error" && !clientErrors ? message(state.message) : ""}
      </p>
    </form>
  );
}
