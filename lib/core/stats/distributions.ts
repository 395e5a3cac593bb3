/** Buckets [from, to) cut by ascending upper bounds; the last bucket is open-ended up to `max`. */
export interface BucketSpec {
  min: number;
  bounds: readonly number[];
  /** Shown as the last bucket's end; without it the last bucket reads "N+". */
  max?: number;
  /** Whole numbers: [2, 4) reads "2–3"; otherwise "2–4". */
  integer: boolean;
}

export interface DistributionBucket {
  label: string;
  count: number;
}

/** Review intervals in days: 1, 2–3, 4–7, 8–14, 15–21, 22–30, 31–60, 61–90, 91–180, 181–365, 366+. */
export const INTERVAL_BUCKETS: BucketSpec = {
  min: 0,
  bounds: [2, 4, 8, 15, 22, 31, 61, 91, 181, 366],
  integer: true,
};

/** FSRS difficulty, 1 (easiest) to 10 (hardest), in steps of one. */
export const DIFFICULTY_BUCKETS: BucketSpec = {
  min: 1,
  bounds: [2, 3, 4, 5, 6, 7, 8, 9],
  max: 10,
  integer: false,
};

export function labelBuckets(spec: BucketSpec): string[] {
  const starts = [spec.min, ...spec.bounds];
  return starts.map((from, i) => {
    const to = spec.bounds[i];
    if (to === undefined) return spec.max === undefined ? `${from}+` : `${from}–${spec.max}`;
    const last = spec.integer ? to - 1 : to;
    return last === from ? String(from) : `${from}–${last}`;
  });
}

/** The bucket a value falls in (what the SQL CASE computes), for tests and seeding. */
export function findBucket(spec: BucketSpec, value: number): number {
  const index = spec.bounds.findIndex((bound) => value < bound);
  return index === -1 ? spec.bounds.length : index;
}

/** Every bucket with its count; buckets without a row count zero. */
export function fillDistribution(
  spec: BucketSpec,
  rows: readonly { bucket: number; count: number }[],
): DistributionBucket[] {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(row.bucket, (counts.get(row.bucket) ?? 0) + row.count);
  return labelBuckets(spec).map((label, bucket) => ({ label, count: counts.get(bucket) ?? 0 }));
}
