import { createEmptyCard, fsrs, generatorParameters, Rating as FsrsRating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_STUDY_SETTINGS,
  Rating,
  applyRating,
  buildStudyQueue,
  listSiblingKeysStudiedToday,
  newCardState,
  studyDayKey,
  type CardState,
  type StudiedSibling,
} from "@/lib/core/study";

const SETTINGS = { ...DEFAULT_STUDY_SETTINGS, enableFuzz: false, timeZone: "Europe/Moscow" };
const DAY_MS = 86_400_000;
// 09:00 in Moscow on a Monday.
const FIRST_SESSION = new Date("2025-03-03T06:00:00Z");

describe("a learner who opens the app at 09:00 every day for 60 days", () => {
  it("meets the card on the days ts-fsrs says, and answering Good spaces it further out", () => {
    const reference = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true }));
    let ours: CardState | null = null;
    let theirs = createEmptyCard(FIRST_SESSION);
    const answers: StudiedSibling[] = [];
    const studyDays: string[] = [];
    const reviewIntervals: number[] = [];

    for (let day = 0; day < 60; day += 1) {
      let now = new Date(FIRST_SESSION.getTime() + day * DAY_MS);
      // One session: keep answering while the queue offers the card (learning steps come back).
      for (;;) {
        const queue = buildStudyQueue({
          now,
          settings: SETTINGS,
          cards: [
            {
              questionId: "q1",
              kind: "cloze",
              siblingKey: "pod:isolation",
              state: ours,
              suspended: false,
            },
          ],
          newIntroducedToday: 0,
          reviewsDoneToday: 0,
          siblingKeysStudiedToday: listSiblingKeysStudiedToday(answers, now, SETTINGS.timeZone),
        });
        const entry = queue[0];
        if (!entry) break;
        const before: CardState = ours ?? newCardState(now);
        ours = applyRating(before, Rating.Good, SETTINGS, now).card;
        theirs = reference.next(theirs, now, FsrsRating.Good).card;
        expect(ours.due).toEqual(theirs.due);
        expect(ours.stability).toBe(theirs.stability);
        answers.push({ siblingKey: "pod:isolation", answeredAt: now });
        if (entry.reason === "review") reviewIntervals.push(ours.scheduledDays);
        if (!studyDays.includes(studyDayKey(now, SETTINGS.timeZone))) {
          studyDays.push(studyDayKey(now, SETTINGS.timeZone));
        }
        // Wait in the session for the next learning step, if it is due today.
        if (ours.due.getTime() - now.getTime() < DAY_MS / 24) now = ours.due;
        else break;
      }
    }

    // Day 0: new → 10m step → 2 days; then 11 and 46 days; the 163 is set on day 59.
    expect(studyDays).toEqual(["2025-03-03", "2025-03-05", "2025-03-16", "2025-05-01"]);
    expect(reviewIntervals).toEqual([11, 46, 163]);
    for (const [i, interval] of reviewIntervals.entries()) {
      expect(interval).toBeGreaterThan(reviewIntervals[i - 1] ?? 2);
    }
  });
});
