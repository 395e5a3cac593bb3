import type { AnswerInput, Question } from "@/lib/core/deck/types";
import type { Messages } from "@/lib/i18n/locales";

function chosenOptionId(answer: AnswerInput): string | null {
  if (answer.type === "option") return answer.optionId;
  if (answer.type === "boolean") return String(answer.value);
  return null;
}

/** After an answer: right or wrong, what was picked, the right answer, and the source sentence. */
export function AnswerFeedback({
  question,
  answer,
  correct,
  t,
}: {
  question: Question;
  answer: AnswerInput;
  correct: boolean | null;
  t: Messages["study"];
}) {
  const chosen = chosenOptionId(answer);
  const matching = question.matching;
  return (
    <div className="feedback" aria-live="polite">
      {correct !== null && (
        <p className={correct ? "verdict good" : "verdict bad"} role="status">
          {correct ? `✓ ${t.correct}` : `✗ ${t.wrong}`}
        </p>
      )}
      {question.options && chosen !== null && (
        <ul className="options reviewed">
          {question.options.map((option) => {
            const right = option.id === question.correctOptionId;
            const picked = option.id === chosen;
            return (
              <li
                key={option.id}
                className={`option${right ? " right" : picked ? " picked-wrong" : ""}`}
              >
                {right ? "✓ " : picked ? "✗ " : ""}
                {option.text}
                {picked && <span className="visually-hidden"> ({t.yourAnswer})</span>}
              </li>
            );
          })}
        </ul>
      )}
      {answer.type === "text" && (
        <p>
          <span className="muted">{t.yourAnswer}:</span> {answer.text}
        </p>
      )}
      {matching && answer.type === "matching" && (
        <ul className="options reviewed">
          {matching.left.map((left) => {
            const expected = matching.right.find((r) => r.id === matching.solution[left.id]);
            const ok = answer.pairs[left.id] === matching.solution[left.id];
            return (
              <li key={left.id} className={`option ${ok ? "right" : "picked-wrong"}`}>
                {ok ? "✓" : "✗"} {left.text} → {expected?.text}
              </li>
            );
          })}
        </ul>
      )}
      {!matching && (
        <p className="right-answer">
          <span className="muted">{t.rightAnswer}:</span> <strong>{question.answer}</strong>
        </p>
      )}
      {question.keyPoints && question.keyPoints.length > 0 && (
        <div>
          <p className="muted">{t.keyPoints}:</p>
          <ul className="key-points">
            {question.keyPoints.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        </div>
      )}
      {/* The explanation usually quotes the source already; then the quote below says it all. */}
      {question.explanation && !question.explanation.includes(question.source.quote) && (
        <p className="explanation">{question.explanation}</p>
      )}
      <figure className="source-quote">
        <blockquote>{question.source.quote}</blockquote>
        <figcaption className="muted">
          {t.source}: {question.source.section.join(" › ")}, {t.line} {question.source.line}
        </figcaption>
      </figure>
    </div>
  );
}
