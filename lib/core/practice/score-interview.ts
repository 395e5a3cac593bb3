import { percentOf, sumByAspect, type AspectScore } from "./aspect-scores";
import type { InterviewItem } from "./interview-item";

export interface InterviewAnswerRecord {
  position: number;
  /** Indices of the key points the learner ticked. */
  coveredPoints: readonly number[];
}

export interface InterviewScore {
  /** Key points ticked, out of every key point of every item (unanswered items count as none). */
  covered: number;
  total: number;
  percent: number;
  answered: number;
  byAspect: AspectScore[];
  /** Positions of the items with a key point left unticked (or not answered at all). */
  missedPositions: number[];
}

/** The ticked points that exist, each once, in order; anything else from a client is dropped. */
export function normalizeCoveredPoints(
  item: Pick<InterviewItem, "keyPoints">,
  points: readonly number[],
): number[] {
  return [...new Set(points)]
    .filter((index) => Number.isInteger(index) && index >= 0 && index < item.keyPoints.length)
    .sort((a, b) => a - b);
}

export function isItemMissed(
  item: Pick<InterviewItem, "keyPoints">,
  coveredPoints: readonly number[],
): boolean {
  return normalizeCoveredPoints(item, coveredPoints).length < item.keyPoints.length;
}

/** Score = covered key points; per aspect too, which the weak-spot report is built from. */
export function scoreInterview(
  items: readonly Pick<InterviewItem, "keyPoints" | "aspect">[],
  answers: readonly InterviewAnswerRecord[],
): InterviewScore {
  const byPosition = new Map(answers.map((answer) => [answer.position, answer]));
  const missedPositions: number[] = [];
  const entries = items.map((item, position) => {
    const answer = byPosition.get(position);
    const covered = answer ? normalizeCoveredPoints(item, answer.coveredPoints).length : 0;
    if (covered < item.keyPoints.length) missedPositions.push(position);
    return { aspect: item.aspect, earned: covered, possible: item.keyPoints.length };
  });
  const covered = entries.reduce((sum, entry) => sum + entry.earned, 0);
  const total = entries.reduce((sum, entry) => sum + entry.possible, 0);
  return {
    covered,
    total,
    percent: percentOf(covered, total),
    answered: items.filter((_, position) => byPosition.has(position)).length,
    byAspect: sumByAspect(entries),
    missedPositions,
  };
}
