import type { RateLimit } from "@/lib/core/rate-limits/rate-limit";

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * Every abuse limit, in one place (the README lists them with the reasons for their values).
 * Per learner or account is the tight one; per address is looser because a classroom or an
 * office shares one. Most are counted in RateLimitEvent by `consumeRateLimits`; the answer
 * limits are counted from the answers themselves (`answer-limits.ts`), which are stored anyway.
 */
export const RATE_LIMITS = {
  questionReportsPerLearner: {
    bucket: "question-reports:learner",
    max: 10,
    windowMs: HOUR_MS,
    per: "learner",
  },
  questionReportsPerAddress: {
    bucket: "question-reports:address",
    max: 30,
    windowMs: HOUR_MS,
    per: "address",
  },
  // Every sign-up that passes validation counts, taken emails too: each costs an argon2 hash.
  // A school class signing up together behind one NAT (25–35, with retries) fits.
  registrationsPerAddress: {
    bucket: "registrations:address",
    max: 50,
    windowMs: HOUR_MS,
    per: "address",
  },
  // A new guest is a visitor without a cookie who answers, tests or reports: a class with a
  // browser or two each fits; a script that drops its cookie to escape per-learner limits does not.
  guestsPerAddress: { bucket: "guests:address", max: 100, windowMs: HOUR_MS, per: "address" },

  // Answers: counted from ReviewLog / PracticeAnswer / InterviewAnswer rows (no event rows on the
  // hot path). A fast learner answers a card every 2–3 s; 120 a minute is one every half second
  // for a whole minute, which only a script does.
  studyAnswersPerLearner: {
    bucket: "study-answers:learner",
    max: 120,
    windowMs: MINUTE_MS,
    per: "learner",
  },
  practiceAnswersPerLearner: {
    bucket: "practice-answers:learner",
    max: 120,
    windowMs: MINUTE_MS,
    per: "learner",
  },
  // Typed answers, each followed by its checklist: a learner who skips every question of a
  // 20-question interview with an empty answer stays far below.
  interviewAnswersPerLearner: {
    bucket: "interview-answers:learner",
    max: 60,
    windowMs: MINUTE_MS,
    per: "learner",
  },

  // Creation, retries of missed questions included. A 5-question test takes a minute at least.
  practiceTestsPerLearner: {
    bucket: "practice-tests:learner",
    max: 60,
    windowMs: HOUR_MS,
    per: "learner",
  },
  // Guests only: accounts are already limited per address when they sign up.
  practiceTestsPerGuestAddress: {
    bucket: "practice-tests:address",
    max: 300,
    windowMs: HOUR_MS,
    per: "address",
  },
  interviewsPerLearner: {
    bucket: "interviews:learner",
    max: 20,
    windowMs: HOUR_MS,
    per: "learner",
  },
  interviewsPerGuestAddress: {
    bucket: "interviews:address",
    max: 100,
    windowMs: HOUR_MS,
    per: "address",
  },

  /**
   * Join codes that match no class (a matched code is taken back: a class of 30 behind one
   * school address joins freely). 20 per 10 minutes leaves room for typos and makes guessing one
   * of 31^8 codes hopeless; see lib/core/classes/join-code.ts.
   */
  joinCodeAttemptsPerAddress: {
    bucket: "join-code:address",
    max: 20,
    windowMs: 10 * MINUTE_MS,
    per: "address",
  },

  /**
   * Previews of an uploaded or pasted document (parsing and generating cost up to a few hundred
   * ms of CPU for a 256 KB one). An author fixing a document previews after every fix.
   */
  deckPreviewsPerUser: { bucket: "deck-previews:user", max: 120, windowMs: HOUR_MS, per: "user" },

  // Games a host creates (lib/server/live/games.ts).
  liveGamesPerUser: { bucket: "live-games:user", max: 20, windowMs: HOUR_MS, per: "user" },
  /**
   * Live-game PINs that match no game, like join codes: a right PIN is taken back, so a room of
   * 2,000 behind one address joins freely. PINs are 6 digits (900,000), so guessing one is
   * possible in principle, as on Kahoot: the host sees who joins, can kick and lock the lobby.
   */
  livePinAttemptsPerAddress: {
    bucket: "live-pin:address",
    max: 30,
    windowMs: 10 * MINUTE_MS,
    per: "address",
  },
  // New decks saved from a document (lib/server/decks/own-decks.ts); at most 100 are kept anyway.
  deckSavesPerUser: { bucket: "deck-saves:user", max: 20, windowMs: HOUR_MS, per: "user" },
  // Edits of an own deck: each regenerates it. An author fixing typos saves often.
  deckEditsPerUser: { bucket: "deck-edits:user", max: 60, windowMs: HOUR_MS, per: "user" },
  /**
   * Deck exports (lib/server/export): a package is built in a temporary SQLite file, tens of ms
   * for a full deck. Someone trying every format with and without progress on a few decks stays
   * far below; per account (or guest learner) and, looser, per address.
   */
  deckExportsPerViewer: {
    bucket: "deck-exports:viewer",
    max: 60,
    windowMs: HOUR_MS,
    per: "learner",
  },
  deckExportsPerAddress: {
    bucket: "deck-exports:address",
    max: 300,
    windowMs: HOUR_MS,
    per: "address",
  },
  // "Optimise my parameters" (lib/server/study/fsrs-optimiser): about a second of CPU each, in a
  // worker thread. The fit changes little from one day to the next; a few tries an hour is plenty.
  fsrsOptimisationsPerLearner: {
    bucket: "fsrs-optimisations:learner",
    max: 6,
    windowMs: HOUR_MS,
    per: "learner",
  },
} as const satisfies Record<string, RateLimit>;

/** The longest window of any limit: an event older than it counts for nothing. */
export const LONGEST_WINDOW_MS = Math.max(...Object.values(RATE_LIMITS).map((l) => l.windowMs));
