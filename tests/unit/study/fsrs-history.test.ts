import { convertCsvToFsrsItems } from "@open-spaced-repetition/binding";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildFsrsItems,
  judgeHistory,
  State,
  type FsrsTrainingItem,
  type HistoryReview,
  type RatingValue,
  type StateValue,
} from "@/lib/core/study";
import { getOffsetMs } from "@/lib/core/time/wall-time";

const MOSCOW = { timeZone: "Europe/Moscow", dayStartHour: 4 };

/** A review at a Moscow wall time ("2026-03-02 09:00"; Moscow is UTC+3 all year). */
function review(
  cardId: string,
  moscowTime: string,
  rating: RatingValue,
  state: StateValue,
): HistoryReview {
  const reviewedAt = new Date(`${moscowTime.replace(" ", "T")}:00+03:00`);
  return { cardId, reviewedAt, rating, state };
}

const pairs = (item: FsrsTrainingItem) => item.map((r) => [r.rating, r.deltaT]);

describe("a review history as FSRS items", () => {
  it("makes one item per review a day or more after the previous, with the reviews before it", () => {
    const items = buildFsrsItems(
      [
        review("a", "2026-03-02 09:00", 3, State.New),
        review("a", "2026-03-03 09:00", 3, State.Review),
        review("a", "2026-03-07 10:00", 1, State.Review),
      ],
      MOSCOW,
    );
    expect(items.map(pairs)).toEqual([
      [
        [3, 0],
        [3, 1],
      ],
      [
        [3, 0],
        [3, 1],
        [1, 4],
      ],
    ]);
  });

  it("orders a card's reviews by time, whatever order they are read in", () => {
    const inOrder = [
      review("a", "2026-03-02 09:00", 3, State.New),
      review("a", "2026-03-04 09:00", 2, State.Review),
      review("a", "2026-03-09 09:00", 4, State.Review),
    ];
    const shuffled = [inOrder[2]!, inOrder[0]!, inOrder[1]!];
    expect(buildFsrsItems(shuffled, MOSCOW)).toEqual(buildFsrsItems(inOrder, MOSCOW));
    expect(
      buildFsrsItems(shuffled, MOSCOW)
        .at(-1)!
        .map((r) => r.deltaT),
    ).toEqual([0, 2, 5]);
  });

  it("counts study days: same-day steps are 0 days apart, and 03:00 still belongs to the evening", () => {
    const items = buildFsrsItems(
      [
        review("a", "2026-03-02 22:00", 1, State.New),
        review("a", "2026-03-02 22:01", 3, State.Learning),
        // 03:30 the next morning: before 04:00, still the study day of the 2nd.
        review("a", "2026-03-03 03:30", 3, State.Learning),
        // 04:30: the next study day.
        review("a", "2026-03-03 04:30", 3, State.Review),
      ],
      MOSCOW,
    );
    // Same-day steps shape the history but are not predicted: no item ends with one.
    expect(items.map(pairs)).toEqual([
      [
        [1, 0],
        [3, 0],
        [3, 0],
        [3, 1],
      ],
    ]);
    // The same reviews with the day starting at midnight: 03:30 is a day after 22:01.
    const midnight = buildFsrsItems(
      [
        review("a", "2026-03-02 22:00", 1, State.New),
        review("a", "2026-03-02 22:01", 3, State.Learning),
        review("a", "2026-03-03 03:30", 3, State.Learning),
      ],
      { timeZone: "Europe/Moscow", dayStartHour: 0 },
    );
    expect(midnight.map(pairs)).toEqual([
      [
        [1, 0],
        [3, 0],
        [3, 1],
      ],
    ]);
  });

  it("skips a card whose history does not begin with its first review", () => {
    const items = buildFsrsItems(
      [
        review("imported", "2026-03-02 09:00", 3, State.Review),
        review("imported", "2026-03-05 09:00", 3, State.Review),
        review("whole", "2026-03-02 09:00", 3, State.New),
        review("whole", "2026-03-05 09:00", 3, State.Review),
      ],
      MOSCOW,
    );
    expect(items.map(pairs)).toEqual([
      [
        [3, 0],
        [3, 3],
      ],
    ]);
  });

  it("keeps a lapse and its relearning in the sequence", () => {
    const items = buildFsrsItems(
      [
        review("a", "2026-03-02 09:00", 3, State.New),
        review("a", "2026-03-05 09:00", 1, State.Review),
        review("a", "2026-03-05 09:10", 3, State.Relearning),
        review("a", "2026-03-06 09:00", 3, State.Review),
      ],
      MOSCOW,
    );
    expect(items.map(pairs)).toEqual([
      [
        [3, 0],
        [1, 3],
      ],
      [
        [3, 0],
        [1, 3],
        [3, 0],
        [3, 1],
      ],
    ]);
  });

  it("starts again at the last run of New/Learning reviews (a card learned anew)", () => {
    const items = buildFsrsItems(
      [
        review("a", "2026-03-02 09:00", 3, State.New),
        review("a", "2026-03-05 09:00", 3, State.Review),
        review("a", "2026-03-10 09:00", 1, State.New),
        review("a", "2026-03-10 09:05", 3, State.Learning),
        review("a", "2026-03-12 09:00", 3, State.Review),
      ],
      MOSCOW,
    );
    expect(items.map(pairs)).toEqual([
      [
        [1, 0],
        [3, 0],
        [3, 2],
      ],
    ]);
  });

  it("keeps cards apart", () => {
    const items = buildFsrsItems(
      [
        review("a", "2026-03-02 09:00", 3, State.New),
        review("b", "2026-03-02 09:01", 1, State.New),
        review("b", "2026-03-04 09:00", 3, State.Review),
        review("a", "2026-03-05 09:00", 4, State.Review),
      ],
      MOSCOW,
    );
    expect(items.map(pairs)).toEqual([
      [
        [3, 0],
        [4, 3],
      ],
      [
        [1, 0],
        [3, 2],
      ],
    ]);
  });

  it("gives the reference converter's items for any history (its CSV format, same day rule)", () => {
    const start = Date.UTC(2026, 2, 1);
    const historyArb = fc.array(
      fc.record({
        card: fc.integer({ min: 1, max: 6 }),
        // Up to 60 days, to the minute, so that same-day and cross-midnight reviews both occur.
        minute: fc.integer({ min: 0, max: 60 * 24 * 60 }),
        rating: fc.constantFrom<RatingValue>(1, 2, 3, 4),
        state: fc.constantFrom<StateValue>(0, 1, 2, 3),
      }),
      { maxLength: 60 },
    );
    const timeZone = "America/New_York"; // has DST changes in March
    fc.assert(
      fc.property(historyArb, (rows) => {
        // Distinct instants per card: the reference sorts unstably, so ties could differ in order.
        const seen = new Set<string>();
        const unique = rows.filter((r) => {
          const key = `${r.card}:${r.minute}`;
          return !seen.has(key) && seen.add(key);
        });
        const history = unique.map((r) => ({
          cardId: String(r.card),
          reviewedAt: new Date(start + r.minute * 60_000),
          rating: r.rating,
          state: r.state,
        }));
        const csv = [
          "card_id,review_time,review_rating,review_state,review_duration",
          ...history.map(
            (h) => `${h.cardId},${h.reviewedAt.getTime()},${h.rating},${h.state},1000`,
          ),
        ].join("\n");
        const theirs = convertCsvToFsrsItems(Buffer.from(csv), 4, timeZone, (ms, zone) =>
          Math.round(getOffsetMs(ms, zone) / 60_000),
        ).map((item) => JSON.stringify(item.reviews.map((r) => [r.rating, r.deltaT])));
        const ours = buildFsrsItems(history, { timeZone, dayStartHour: 4 }).map((item) =>
          JSON.stringify(pairs(item)),
        );
        expect(ours.sort()).toEqual(theirs.sort());
      }),
      { numRuns: 300 },
    );
  });
});

describe("whether a history is enough to optimise on", () => {
  it("needs 400 reviews and the library's 64 items", () => {
    expect(judgeHistory({ reviewCount: 399, itemCount: 5000 })).toEqual({
      enough: false,
      reason: "too-few-reviews",
    });
    expect(judgeHistory({ reviewCount: 400, itemCount: 63 })).toEqual({
      enough: false,
      reason: "too-few-items",
    });
    expect(judgeHistory({ reviewCount: 400, itemCount: 64 })).toEqual({ enough: true });
  });
});
