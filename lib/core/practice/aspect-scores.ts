import type { AspectKey } from "@/lib/core/deck/types";

/** Points earned out of points possible on one aspect (questions in a test, key points in an interview). */
export interface AspectScore {
  aspect: AspectKey;
  earned: number;
  possible: number;
}

/** At or above this share of an aspect's points it counts as strong; below, as a weak spot. */
export const STRONG_ASPECT_RATIO = 0.75;

export interface WeakSpotReport {
  /** Best first. */
  strong: AspectScore[];
  /** Weakest first: what to study next. */
  weak: AspectScore[];
}

function ratioOf(score: AspectScore): number {
  return score.possible > 0 ? score.earned / score.possible : 0;
}

/** Adds up scores per aspect, in the order each aspect first appears. */
export function sumByAspect(entries: readonly AspectScore[]): AspectScore[] {
  const totals = new Map<AspectKey, AspectScore>();
  for (const entry of entries) {
    const total = totals.get(entry.aspect) ?? { aspect: entry.aspect, earned: 0, possible: 0 };
    total.earned += entry.earned;
    total.possible += entry.possible;
    totals.set(entry.aspect, total);
  }
  return [...totals.values()];
}

/** Splits aspects into strong and weak ones; an aspect with nothing to earn is neither. */
export function reportWeakSpots(scores: readonly AspectScore[]): WeakSpotReport {
  const rated = scores.filter((score) => score.possible > 0);
  return {
    strong: rated
      .filter((score) => ratioOf(score) >= STRONG_ASPECT_RATIO)
      .sort((a, b) => ratioOf(b) - ratioOf(a)),
    weak: rated
      .filter((score) => ratioOf(score) < STRONG_ASPECT_RATIO)
      .sort((a, b) => ratioOf(a) - ratioOf(b)),
  };
}

export function percentOf(earned: number, possible: number): number {
  return possible > 0 ? Math.round((earned / possible) * 100) : 0;
}
