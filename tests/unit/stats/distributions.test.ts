import { describe, expect, it } from "vitest";
import {
  DIFFICULTY_BUCKETS,
  INTERVAL_BUCKETS,
  fillDistribution,
  findBucket,
  labelBuckets,
} from "@/lib/core/stats";

describe("distributions", () => {
  it("labels interval buckets in whole days and difficulty from 1 to 10", () => {
    expect(labelBuckets(INTERVAL_BUCKETS)).toEqual([
      "0–1",
      "2–3",
      "4–7",
      "8–14",
      "15–21",
      "22–30",
      "31–60",
      "61–90",
      "91–180",
      "181–365",
      "366+",
    ]);
    expect(labelBuckets(DIFFICULTY_BUCKETS)).toEqual([
      "1–2",
      "2–3",
      "3–4",
      "4–5",
      "5–6",
      "6–7",
      "7–8",
      "8–9",
      "9–10",
    ]);
  });

  it("finds the bucket of a value at its edges", () => {
    expect(findBucket(INTERVAL_BUCKETS, 1)).toBe(0);
    expect(findBucket(INTERVAL_BUCKETS, 2)).toBe(1);
    expect(findBucket(INTERVAL_BUCKETS, 21)).toBe(4);
    expect(findBucket(INTERVAL_BUCKETS, 22)).toBe(5);
    expect(findBucket(INTERVAL_BUCKETS, 4000)).toBe(10);
    expect(findBucket(DIFFICULTY_BUCKETS, 1)).toBe(0);
    expect(findBucket(DIFFICULTY_BUCKETS, 8.99)).toBe(7);
    expect(findBucket(DIFFICULTY_BUCKETS, 10)).toBe(8);
  });

  it("fills every bucket, summing rows of the same bucket", () => {
    const filled = fillDistribution(DIFFICULTY_BUCKETS, [
      { bucket: 0, count: 2 },
      { bucket: 8, count: 1 },
      { bucket: 0, count: 3 },
    ]);
    expect(filled.map((b) => b.count)).toEqual([5, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(filled[8]).toEqual({ label: "9–10", count: 1 });
  });
});
