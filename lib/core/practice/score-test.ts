import type { Question, QuestionKind } from "@/lib/core/deck/types";
import { proposeRating } from "@/lib/core/study/propose-rating";
import { Rating, type RatingValue } from "@/lib/core/study/scheduler";
import { percentOf, sumByAspect, type AspectScore } from "./aspect-scores";

export interface PracticeAnswerRecord {
  questionId: string;
  correct: boolean;
}

export interface PracticeScore {
  total: number;
  answered: number;
  correct: number;
  percent: number;
  /** Per aspect: right answers out of questions asked, in the order aspects first come up. */
  byAspect: AspectScore[];
  /** Answered wrong, in test order: what "retry the ones I missed" asks again. */
  missedQuestionIds: string[];
  unansweredQuestionIds: string[];
}

/** Scores a test: questions in the order asked, answers in any order (one per question). */
export function scorePracticeTest(
  questions: readonly Pick<Question, "id" | "tags">[],
  answers: readonly PracticeAnswerRecord[],
): PracticeScore {
  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  const missed: string[] = [];
  const unanswered: string[] = [];
  let correct = 0;
  const entries = questions.map((question) => {
    const answer = byQuestion.get(question.id);
    if (!answer) unanswered.push(question.id);
    else if (answer.correct) correct += 1;
    else missed.push(question.id);
    return { aspect: question.tags.aspect, earned: answer?.correct ? 1 : 0, possible: 1 };
  });
  return {
    total: questions.length,
    answered: questions.length - unanswered.length,
    correct,
    percent: percentOf(correct, questions.length),
    byAspect: sumByAspect(entries),
    missedQuestionIds: missed,
    unansweredQuestionIds: unanswered,
  };
}

/**
 * The rating a practice answer feeds to the scheduler: the study mode's proposal for auto-graded
 * kinds (wrong → Again, right → Good, right and fast → Easy); for self-graded kinds the
 * learner's own verdict, knew it → Good, did not → Again.
 */
export function ratePracticeAnswer(input: {
  kind: QuestionKind;
  correct: boolean;
  durationMs: number;
}): RatingValue {
  return proposeRating(input) ?? (input.correct ? Rating.Good : Rating.Again);
}
