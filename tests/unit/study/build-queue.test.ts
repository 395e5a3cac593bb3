import { describe, expect, it } from "vitest";
import type { QuestionKind } from "@/lib/core/deck/types";
import {
  DEFAULT_STUDY_SETTINGS,
  State,
  buildStudyQueue,
  countQueue,
  listSiblingKeysStudiedToday,
  newCardState,
  type BuildStudyQueueInput,
  type CardState,
  type QueueCard,
  type StateValue,
} from "@/lib/core/study";

// 12:00 in Moscow; the study day runs 2025-03-10T01:00Z → 2025-03-11T01:00Z.
const NOW = new Date("2025-03-10T09:00:00Z");
const SETTINGS = { ...DEFAULT_STUDY_SETTINGS, enableFuzz: false, timeZone: "Europe/Moscow" };

function stateOf(state: StateValue, dueIso: string): CardState {
  return {
    due: new Date(dueIso),
    stability: 5,
    difficulty: 5,
    elapsedDays: 1,
    scheduledDays: state === State.Review ? 3 : 0,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    state,
    lastReview: new Date("2025-03-07T09:00:00Z"),
  };
}

function card(questionId: string, overrides: Partial<QueueCard> = {}): QueueCard {
  return {
    questionId,
    kind: "definition",
    siblingKey: `fact:${questionId}`,
    state: null,
    suspended: false,
    ...overrides,
  };
}

const learning = (id: string, dueIso: string, extra: Partial<QueueCard> = {}) =>
  card(id, { state: stateOf(State.Learning, dueIso), ...extra });
const relearning = (id: string, dueIso: string, extra: Partial<QueueCard> = {}) =>
  card(id, { state: stateOf(State.Relearning, dueIso), ...extra });
const review = (id: string, dueIso: string, extra: Partial<QueueCard> = {}) =>
  card(id, { state: stateOf(State.Review, dueIso), ...extra });
const fresh = (id: string, kind: QuestionKind = "definition", extra: Partial<QueueCard> = {}) =>
  card(id, { kind, ...extra });

function queueFor(cards: QueueCard[], overrides: Partial<BuildStudyQueueInput> = {}) {
  return buildStudyQueue({
    now: NOW,
    settings: SETTINGS,
    cards,
    newIntroducedToday: 0,
    reviewsDoneToday: 0,
    siblingKeysStudiedToday: [],
    ...overrides,
  });
}

const ids = (queue: { questionId: string }[]) => queue.map((entry) => entry.questionId);

describe("buildStudyQueue", () => {
  it("puts due (re)learning cards first, then reviews, then new cards", () => {
    const queue = queueFor([
      fresh("n1"),
      review("r1", "2025-03-09T09:00:00Z"),
      learning("l1", "2025-03-10T08:55:00Z"),
      relearning("l2", "2025-03-10T08:50:00Z"),
      review("r2", "2025-03-08T09:00:00Z"),
    ]);
    expect(queue).toEqual([
      { questionId: "l2", reason: "learning" },
      { questionId: "l1", reason: "learning" },
      { questionId: "r2", reason: "review" },
      { questionId: "r1", reason: "review" },
      { questionId: "n1", reason: "new" },
    ]);
    expect(countQueue(queue)).toEqual({ learning: 2, review: 2, new: 1 });
  });

  it("takes learning cards only once they are due", () => {
    const queue = queueFor([
      learning("now", "2025-03-10T09:00:00Z"),
      learning("in-5-minutes", "2025-03-10T09:05:00Z"),
    ]);
    expect(ids(queue)).toEqual(["now"]);
  });

  it("takes reviews due any time before the study day ends (04:00 local tomorrow)", () => {
    const queue = queueFor([
      review("tonight", "2025-03-10T20:00:00Z"),
      review("03:59-tomorrow", "2025-03-11T00:59:59Z"),
      review("04:00-tomorrow", "2025-03-11T01:00:00Z"),
    ]);
    expect(ids(queue)).toEqual(["tonight", "03:59-tomorrow"]);
  });

  it("keeps to the review limit, minus reviews already done today", () => {
    const reviews = ["a", "b", "c", "d", "e"].map((id, i) =>
      review(id, `2025-03-0${i + 1}T09:00:00Z`),
    );
    const settings = { ...SETTINGS, reviewsPerDay: 3 };
    expect(ids(queueFor(reviews, { settings }))).toEqual(["a", "b", "c"]);
    expect(ids(queueFor(reviews, { settings, reviewsDoneToday: 2 }))).toEqual(["a"]);
    expect(ids(queueFor(reviews, { settings, reviewsDoneToday: 7 }))).toEqual([]);
  });

  it("does not limit learning cards", () => {
    const cards = ["a", "b", "c"].map((id) => learning(id, "2025-03-10T08:00:00Z"));
    const settings = { ...SETTINGS, reviewsPerDay: 0, newCardsPerDay: 0 };
    expect(ids(queueFor(cards, { settings, reviewsDoneToday: 10 }))).toEqual(["a", "b", "c"]);
  });

  it("keeps to the new-card limit, minus cards introduced today", () => {
    const cards = ["a", "b", "c", "d"].map((id) => fresh(id));
    const settings = { ...SETTINGS, newCardsPerDay: 3 };
    expect(ids(queueFor(cards, { settings }))).toEqual(["a", "b", "c"]);
    expect(ids(queueFor(cards, { settings, newIntroducedToday: 2 }))).toEqual(["a"]);
    expect(ids(queueFor(cards, { settings, newIntroducedToday: 3 }))).toEqual([]);
  });

  it("treats a stored card in state New like a never-seen one", () => {
    const queue = queueFor([card("stored", { state: newCardState(NOW) }), fresh("unseen")]);
    expect(queue).toEqual([
      { questionId: "stored", reason: "new" },
      { questionId: "unseen", reason: "new" },
    ]);
  });

  it("interleaves new cards round-robin over kinds, keeping input order within a kind", () => {
    const cards = [
      fresh("d1", "definition"),
      fresh("d2", "definition"),
      fresh("d3", "definition"),
      fresh("d4", "definition"),
      fresh("m1", "multiple-choice"),
      fresh("m2", "multiple-choice"),
      fresh("t1", "true-false"),
      fresh("d5", "definition"),
    ];
    expect(ids(queueFor(cards))).toEqual(["d1", "m1", "t1", "d2", "m2", "d3", "d4", "d5"]);
    const settings = { ...SETTINGS, newCardsPerDay: 4 };
    expect(ids(queueFor(cards, { settings }))).toEqual(["d1", "m1", "t1", "d2"]);
  });

  it("orders equal due dates by input order, and is the same every time", () => {
    const cards = [
      review("x", "2025-03-09T09:00:00Z"),
      review("y", "2025-03-09T09:00:00Z"),
      review("w", "2025-03-08T09:00:00Z"),
    ];
    const first = queueFor(cards);
    expect(ids(first)).toEqual(["w", "x", "y"]);
    expect(queueFor(cards)).toEqual(first);
    // Distinct due dates do not depend on input order at all.
    const distinct = [
      review("late", "2025-03-09T10:00:00Z"),
      review("early", "2025-03-09T08:00:00Z"),
    ];
    expect(ids(queueFor(distinct))).toEqual(ids(queueFor([...distinct].reverse())));
  });

  it("never shows suspended cards", () => {
    const queue = queueFor([
      learning("l", "2025-03-10T08:00:00Z", { suspended: true }),
      review("r", "2025-03-09T09:00:00Z", { suspended: true }),
      fresh("n", "definition", { suspended: true }),
    ]);
    expect(queue).toEqual([]);
  });

  it("hides cards buried until a future time and shows them once it has passed", () => {
    const queue = queueFor([
      review("buried", "2025-03-09T09:00:00Z", { buriedUntil: new Date("2025-03-11T01:00:00Z") }),
      review("unburied", "2025-03-09T09:00:00Z", { buriedUntil: new Date("2025-03-10T01:00:00Z") }),
      fresh("new-buried", "definition", { buriedUntil: new Date("2025-03-10T09:00:01Z") }),
      fresh("new-null", "definition", { buriedUntil: null }),
    ]);
    expect(ids(queue)).toEqual(["unburied", "new-null"]);
  });

  describe("sibling burying", () => {
    it("skips review and new cards whose fact was studied today", () => {
      const queue = queueFor(
        [
          review("r", "2025-03-09T09:00:00Z", { siblingKey: "pod:isolation" }),
          fresh("n", "cloze", { siblingKey: "pod:isolation" }),
          fresh("other", "cloze", { siblingKey: "pod:scaling" }),
        ],
        { siblingKeysStudiedToday: ["pod:isolation"] },
      );
      expect(ids(queue)).toEqual(["other"]);
    });

    it("takes one card per fact within the queue, the earliest one", () => {
      const queue = queueFor([
        fresh("n1", "definition", { siblingKey: "pod:definition" }),
        fresh("n2", "true-false", { siblingKey: "pod:definition" }),
        review("r1", "2025-03-09T09:00:00Z", { siblingKey: "pod:definition" }),
        review("r2", "2025-03-08T09:00:00Z", { siblingKey: "container:scaling" }),
        review("r3", "2025-03-09T09:00:00Z", { siblingKey: "container:scaling" }),
      ]);
      expect(queue).toEqual([
        { questionId: "r2", reason: "review" },
        { questionId: "r1", reason: "review" },
      ]);
    });

    it("exempts learning cards, which still bury their review and new siblings", () => {
      const queue = queueFor(
        [
          learning("l1", "2025-03-10T08:00:00Z", { siblingKey: "pod:lifecycle" }),
          relearning("l2", "2025-03-10T08:30:00Z", { siblingKey: "pod:lifecycle" }),
          review("r", "2025-03-09T09:00:00Z", { siblingKey: "pod:lifecycle" }),
          fresh("n", "cloze", { siblingKey: "pod:lifecycle" }),
        ],
        { siblingKeysStudiedToday: ["pod:lifecycle"] },
      );
      expect(queue).toEqual([
        { questionId: "l1", reason: "learning" },
        { questionId: "l2", reason: "learning" },
      ]);
    });

    it("does not count buried siblings against the limits", () => {
      const settings = { ...SETTINGS, newCardsPerDay: 2, reviewsPerDay: 1 };
      const queue = queueFor(
        [
          review("r-sibling", "2025-03-08T09:00:00Z", { siblingKey: "seen" }),
          review("r", "2025-03-09T09:00:00Z"),
          fresh("n-sibling", "definition", { siblingKey: "seen" }),
          fresh("n1"),
          fresh("n2"),
        ],
        { settings, siblingKeysStudiedToday: ["seen"] },
      );
      expect(ids(queue)).toEqual(["r", "n1", "n2"]);
    });

    it("counts an answer at 03:30 local time as yesterday's, one at 04:30 as today's", () => {
      // New York, 2025-03-10 (EDT, UTC-4): the study day began at 04:00 EDT = 08:00Z.
      const settings = { ...SETTINGS, timeZone: "America/New_York" };
      const now = new Date("2025-03-10T14:00:00Z");
      const answers = [
        { siblingKey: "before-four", answeredAt: new Date("2025-03-10T07:30:00Z") },
        { siblingKey: "after-four", answeredAt: new Date("2025-03-10T08:30:00Z") },
        { siblingKey: "after-four", answeredAt: new Date("2025-03-10T09:30:00Z") },
      ];
      const studied = listSiblingKeysStudiedToday(
        answers,
        now,
        settings.timeZone,
        settings.dayStartHour,
      );
      expect(studied).toEqual(["after-four"]);

      const queue = queueFor(
        [
          review("a", "2025-03-09T12:00:00Z", { siblingKey: "before-four" }),
          review("b", "2025-03-09T12:00:00Z", { siblingKey: "after-four" }),
        ],
        { now, settings, siblingKeysStudiedToday: studied },
      );
      expect(ids(queue)).toEqual(["a"]);

      // Still 03:45 the next morning, it is the same study day: "after-four" stays buried.
      const lateNight = new Date("2025-03-11T07:45:00Z");
      expect(listSiblingKeysStudiedToday(answers, lateNight, settings.timeZone)).toEqual([
        "after-four",
      ]);
      // From 04:00 on, a new day: nothing is buried.
      const nextMorning = new Date("2025-03-11T08:00:00Z");
      expect(listSiblingKeysStudiedToday(answers, nextMorning, settings.timeZone)).toEqual([]);
    });
  });

  it("with an aspect filter, queues only cards about those aspects, keeping the usual order", () => {
    const cards = [
      fresh("n-net", "definition", { aspect: "networking" }),
      fresh("n-iso", "definition", { aspect: "isolation" }),
      review("r-iso", "2025-03-09T09:00:00Z", { aspect: "isolation" }),
      review("r-net", "2025-03-09T09:00:00Z", { aspect: "networking" }),
      learning("l-net", "2025-03-10T08:55:00Z", { aspect: "networking" }),
      learning("l-none", "2025-03-10T08:50:00Z"),
    ];
    expect(ids(queueFor(cards, { aspects: ["networking"] }))).toEqual(["l-net", "r-net", "n-net"]);
    expect(ids(queueFor(cards, { aspects: ["networking", "isolation"] }))).toEqual([
      "l-net",
      "r-iso",
      "r-net",
      "n-net",
      "n-iso",
    ]);
    expect(queueFor(cards, { aspects: ["lifecycle"] })).toEqual([]);
    expect(ids(queueFor(cards))).toHaveLength(6);
  });

  it("with an aspect filter, still counts every new card introduced today against the limit", () => {
    const cards = [
      fresh("a", "definition", { aspect: "scaling" }),
      fresh("b", "cloze", { aspect: "scaling" }),
    ];
    const queue = queueFor(cards, {
      aspects: ["scaling"],
      settings: { ...SETTINGS, newCardsPerDay: 20 },
      newIntroducedToday: 19,
    });
    expect(ids(queue)).toEqual(["a"]);
  });

  it("returns an empty queue when nothing is due", () => {
    const queue = queueFor([
      review("later", "2025-03-20T09:00:00Z"),
      learning("soon", "2025-03-10T10:00:00Z"),
    ]);
    expect(queue).toEqual([]);
    expect(countQueue(queue)).toEqual({ learning: 0, review: 0, new: 0 });
  });
});

describe("kind filter and an assignment's goal", () => {
  it("queues only the kinds asked for", () => {
    const cards = [
      fresh("a", "definition"),
      fresh("b", "cloze"),
      review("c", "2025-03-10T08:00:00Z"),
    ];
    expect(ids(queueFor(cards, { kinds: ["cloze"] }))).toEqual(["b"]);
    expect(ids(queueFor(cards, { kinds: ["definition"] }))).toEqual(["c", "a"]);
  });

  it("shows every goal question in one sitting: no new-card limit, reviews not yet due too", () => {
    const cards = [
      fresh("new1", "definition"),
      fresh("new2", "cloze"),
      fresh("new3", "definition"),
      review("notDue", "2025-03-25T09:00:00Z"),
      review("reached", "2025-03-10T08:00:00Z"),
      learning("step", "2025-03-10T08:59:00Z"),
    ];
    const queue = queueFor(cards, {
      settings: { ...SETTINGS, newCardsPerDay: 1 },
      newIntroducedToday: 5,
      goalQuestionIds: new Set(["new1", "new2", "new3", "notDue", "step"]),
    });
    // A due learning step first; a due review that already met the goal is not part of it.
    expect(queue).toEqual([
      { questionId: "step", reason: "learning" },
      { questionId: "new1", reason: "new" },
      { questionId: "new2", reason: "new" },
      { questionId: "new3", reason: "new" },
      { questionId: "notDue", reason: "review" },
    ]);
  });

  it("keeps a goal question waiting for its learning step, and puts siblings of today's facts last", () => {
    const cards = [
      fresh("a", "definition", { siblingKey: "fact:1" }),
      fresh("b", "cloze", { siblingKey: "fact:1" }),
      fresh("c", "definition", { siblingKey: "fact:2" }),
      learning("waiting", "2025-03-10T09:10:00Z"),
    ];
    const queue = queueFor(cards, {
      goalQuestionIds: new Set(["a", "b", "c", "waiting"]),
      siblingKeysStudiedToday: ["fact:2"],
    });
    expect(ids(queue)).toEqual(["a", "b", "c"]);
  });

  it("applies the scope to the goal too", () => {
    const cards = [
      fresh("a", "definition", { aspect: "networking" }),
      fresh("b", "cloze", { aspect: "networking" }),
      fresh("c", "cloze", { aspect: "scaling" }),
    ];
    const queue = queueFor(cards, {
      aspects: ["networking"],
      kinds: ["cloze"],
      goalQuestionIds: new Set(["a", "b", "c"]),
    });
    expect(ids(queue)).toEqual(["b"]);
  });
});

describe("interleaving stays stable while new cards are answered", () => {
  it("does not bring the first-listed kind back after every answer", () => {
    const kinds = ["definition", "classify", "cloze", "matching"] as const;
    const cards = Array.from({ length: 16 }, (_, i) => ({
      questionId: `q${i}`,
      kind: kinds[Math.floor(i / 4)] ?? "definition",
      siblingKey: `s${i}`,
      state: null as CardState | null,
      suspended: false,
    }));
    const shownKinds: string[] = [];
    const now = new Date("2026-03-02T09:00:00Z");
    for (let step = 0; step < 8; step++) {
      const [first] = buildStudyQueue({
        now,
        settings: { newCardsPerDay: 20, reviewsPerDay: 200, timeZone: "UTC", dayStartHour: 4 },
        cards,
        newIntroducedToday: step,
        reviewsDoneToday: 0,
        siblingKeysStudiedToday: [],
      });
      const card = cards.find((c) => c.questionId === first?.questionId);
      if (!card) throw new Error("queue ran dry");
      shownKinds.push(card.kind);
      card.state = { ...newCardState(now), state: 1, due: new Date(now.getTime() + 600_000) };
    }
    expect(shownKinds).toEqual([...kinds, ...kinds]);
  });
});
