import type { InterviewItem, InterviewItemType } from "./interview-item";
import { shuffleWithSeed } from "./random";

/** Limits of the interview setup: questions per interview and seconds per question. */
export const INTERVIEW_LIMITS = {
  count: { min: 1, max: 20, default: 8 },
  seconds: { min: 10, max: 600, default: 90 },
} as const;

const TYPES: readonly InterviewItemType[] = ["explain", "scenario", "definition"];

/**
 * Picks up to `count` items, each once, taking the item types in turn so that explanations,
 * scenarios and definitions are mixed. Deterministic for a pool and seed.
 */
export function assembleInterview(input: {
  pool: readonly InterviewItem[];
  count: number;
  seed: number;
}): InterviewItem[] {
  const unique = [...new Map(input.pool.map((item) => [item.id, item])).values()];
  const queues = shuffleWithSeed(TYPES, input.seed).map((type, index) =>
    shuffleWithSeed(
      unique.filter((item) => item.type === type),
      input.seed + index + 1,
    ),
  );
  const picked: InterviewItem[] = [];
  const wanted = Math.min(Math.max(0, Math.floor(input.count)), unique.length);
  while (picked.length < wanted) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < wanted) picked.push(next);
    }
  }
  return picked;
}
