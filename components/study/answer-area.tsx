"use client";

import { useState } from "react";
import type { AnswerInput, MatchingPairs, Question } from "@/lib/core/deck/types";
import type { Messages } from "@/lib/i18n/locales";

type T = Messages["study"];

/** The input a question kind needs; calls `onAnswer` once the learner commits. */
export function AnswerArea({
  question,
  t,
  onAnswer,
  disabled,
}: {
  question: Question;
  t: T;
  onAnswer: (answer: AnswerInput) => void;
  disabled: boolean;
}) {
  if (question.kind === "true-false") {
    return (
      <div className="options" role="group" aria-label={question.prompt}>
        {[true, false].map((value, i) => (
          <button
            key={String(value)}
            type="button"
            className="option"
            disabled={disabled}
            onClick={() => onAnswer({ type: "boolean", value })}
          >
            <kbd>{i + 1}</kbd> {value ? t.trueLabel : t.falseLabel}
          </button>
        ))}
      </div>
    );
  }
  if (question.matching) {
    return (
      <MatchingInput matching={question.matching} t={t} onAnswer={onAnswer} disabled={disabled} />
    );
  }
  if (question.options) {
    return (
      <div className="options" role="group" aria-label={question.prompt}>
        {question.options.map((option, i) => (
          <button
            key={option.id}
            type="button"
            className="option"
            disabled={disabled}
            onClick={() => onAnswer({ type: "option", optionId: option.id })}
          >
            <kbd>{i + 1}</kbd> {option.text}
          </button>
        ))}
      </div>
    );
  }
  if (question.kind === "cloze")
    return <ClozeInput t={t} onAnswer={onAnswer} disabled={disabled} />;
  return null;
}

function ClozeInput({
  t,
  onAnswer,
  disabled,
}: {
  t: T;
  onAnswer: (a: AnswerInput) => void;
  disabled: boolean;
}) {
  const [text, setText] = useState("");
  return (
    <form
      className="cloze"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onAnswer({ type: "text", text });
      }}
    >
      <label className="visually-hidden" htmlFor="cloze-answer">
        {t.clozePlaceholder}
      </label>
      <input
        id="cloze-answer"
        autoFocus
        autoComplete="off"
        value={text}
        placeholder={t.clozePlaceholder}
        onChange={(e) => setText(e.target.value)}
        disabled={disabled}
      />
      <button type="submit" className="button primary" disabled={disabled || !text.trim()}>
        {t.check}
      </button>
    </form>
  );
}

function MatchingInput({
  matching,
  t,
  onAnswer,
  disabled,
}: {
  matching: MatchingPairs;
  t: T;
  onAnswer: (a: AnswerInput) => void;
  disabled: boolean;
}) {
  const [pairs, setPairs] = useState<Record<string, string>>({});
  const complete = matching.left.every((l) => pairs[l.id]);
  return (
    <form
      className="matching"
      onSubmit={(event) => {
        event.preventDefault();
        if (complete) onAnswer({ type: "matching", pairs });
      }}
    >
      {matching.left.map((left) => (
        <div key={left.id} className="matching-row">
          <label htmlFor={`match-${left.id}`}>{left.text}</label>
          <select
            id={`match-${left.id}`}
            value={pairs[left.id] ?? ""}
            disabled={disabled}
            onChange={(e) => setPairs((p) => ({ ...p, [left.id]: e.target.value }))}
          >
            <option value="">{t.matchingChoose}</option>
            {matching.right.map((right) => (
              <option key={right.id} value={right.id}>
                {right.text}
              </option>
            ))}
          </select>
        </div>
      ))}
      <button type="submit" className="button primary" disabled={disabled || !complete}>
        {t.check}
      </button>
    </form>
  );
}
