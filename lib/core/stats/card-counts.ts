import { State } from "@/lib/core/study/scheduler";

export interface CardStateCounts {
  new: number;
  learning: number;
  review: number;
  relearning: number;
  suspended: number;
}

export interface CardStateRow {
  state: number;
  suspended: boolean;
  count: number;
}

/**
 * Cards by state. A suspended card counts only as suspended; "new" adds the questions the
 * learner has not seen yet to card rows still in the new state (e.g. after an undo).
 */
export function summarizeCardStates(
  rows: readonly CardStateRow[],
  unseenQuestions: number,
): CardStateCounts {
  const counts: CardStateCounts = {
    new: unseenQuestions,
    learning: 0,
    review: 0,
    relearning: 0,
    suspended: 0,
  };
  for (const row of rows) {
    if (row.suspended) counts.suspended += row.count;
    else if (row.state === State.New) counts.new += row.count;
    else if (row.state === State.Learning) counts.learning += row.count;
    else if (row.state === State.Review) counts.review += row.count;
    else if (row.state === State.Relearning) counts.relearning += row.count;
  }
  return counts;
}
