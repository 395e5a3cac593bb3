import { describe, expect, it } from "vitest";
import {
  ankiRevlog,
  ankiSchedule,
  fsrsRevlogFactor,
  uniqueRevlogIds,
  type CardProgress,
  type ReviewRecord,
} from "@/lib/core/export/anki-progress";

const DAY = 86_400_000;
const CRT = Date.UTC(2026, 2, 1);
const at = (days: number, minutes = 0) => new Date(CRT + days * DAY + minutes * 60_000);

const reviewCard: CardProgress = {
  questionId: "q1",
  state: 2,
  due: at(12, 60),
  stability: 11.123456,
  difficulty: 5.55555,
  scheduledDays: 9,
  reps: 3,
  lapses: 0,
  lastReview: at(3, 60),
  suspended: false,
};

describe("card scheduling columns", () => {
  it("a card never reviewed is new, due in deck order, without memory state", () => {
    expect(ankiSchedule(null, { crtMs: CRT, position: 7, desiredRetention: 0.9 })).toEqual({
      type: 0,
      queue: 0,
      due: 7,
      ivl: 0,
      factor: 0,
      reps: 0,
      lapses: 0,
      left: 0,
      data: "",
    });
  });

  it("a review card is due in days since the collection's creation, FSRS state in data", () => {
    const s = ankiSchedule(reviewCard, { crtMs: CRT, position: 0, desiredRetention: 0.876 });
    expect(s).toMatchObject({ type: 2, queue: 2, due: 12, ivl: 9, reps: 3, lapses: 0, left: 0 });
    expect(JSON.parse(s.data)).toEqual({
      s: 11.1235,
      d: 5.556,
      dr: 0.88,
      lrt: Math.floor(at(3, 60).getTime() / 1000),
    });
  });

  it("a learning card is due at a Unix time in seconds; a suspended one is queue -1", () => {
    const learning = { ...reviewCard, state: 1, due: at(0, 10), scheduledDays: 0 };
    const s = ankiSchedule(learning, { crtMs: CRT, position: 0, desiredRetention: 0.9 });
    expect(s).toMatchObject({ type: 1, queue: 1, due: at(0, 10).getTime() / 1000, ivl: 0 });
    const relearning = { ...learning, state: 3, suspended: true };
    expect(
      ankiSchedule(relearning, { crtMs: CRT, position: 0, desiredRetention: 0.9 }),
    ).toMatchObject({ type: 3, queue: -1 });
  });
});

describe("revlog rows", () => {
  // Three answers as ts-fsrs logs them: the state *before* each.
  const reviews: ReviewRecord[] = [
    {
      questionId: "q1",
      reviewedAt: at(0, 0),
      rating: 1,
      state: 0,
      stability: 0,
      difficulty: 0,
      scheduledDays: 0,
      previousDue: at(0, 0),
      durationMs: 5_000,
    },
    {
      questionId: "q1",
      reviewedAt: at(0, 1),
      rating: 3,
      state: 1,
      stability: 0.4,
      difficulty: 7.2,
      scheduledDays: 0,
      previousDue: at(0, 1),
      durationMs: 90_000,
    },
    {
      questionId: "q1",
      reviewedAt: at(3, 60),
      rating: 3,
      state: 2,
      stability: 3.1,
      difficulty: 7,
      scheduledDays: 3,
      previousDue: at(3, 0),
      durationMs: 2_500,
    },
  ];

  it("follow Anki's meaning of each column", () => {
    const rows = ankiRevlog([...reviews].reverse(), reviewCard);
    expect(rows).toEqual([
      // after the first: due a minute later (the second answer's previous due): -60 s
      {
        id: at(0, 0).getTime(),
        ease: 1,
        ivl: -60,
        lastIvl: 0,
        factor: fsrsRevlogFactor(7.2),
        time: 5_000,
        type: 0,
      },
      // after the second: 3 days; the answer took 90 s, capped at Anki's 60 s
      {
        id: at(0, 1).getTime(),
        ease: 3,
        ivl: 3,
        lastIvl: -60,
        factor: fsrsRevlogFactor(7),
        time: 60_000,
        type: 0,
      },
      // after the last: the card as it is now
      {
        id: at(3, 60).getTime(),
        ease: 3,
        ivl: 9,
        lastIvl: 3,
        factor: fsrsRevlogFactor(5.55555),
        time: 2_500,
        type: 1,
      },
    ]);
  });

  it("store difficulty as Anki does under FSRS: 100 at 1, 1100 at 10", () => {
    expect(fsrsRevlogFactor(1)).toBe(100);
    expect(fsrsRevlogFactor(10)).toBe(1100);
    expect(fsrsRevlogFactor(5.5)).toBe(600);
  });

  it("relearning answers are type 2, and ids stay unique within a millisecond", () => {
    const [row] = ankiRevlog([{ ...reviews[2]!, state: 3 }], reviewCard);
    expect(row!.type).toBe(2);
    expect(uniqueRevlogIds([{ id: 5 }, { id: 5 }, { id: 6 }]).map((r) => r.id)).toEqual([5, 6, 7]);
  });
});
