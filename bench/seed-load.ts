import Database from "better-sqlite3";

export interface SeededLoad {
  learnerIds: string[];
  questionIds: string[];
  /** How many questions of each learner already have a card (the first ones of its rotation). */
  cardsPerLearner: number;
  reviewLogs: number;
  seedSeconds: number;
  /** The card version a submit must send for this learner and question (null: no card yet). */
  versionOf: (learner: number, question: number) => number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Dates as the Prisma better-sqlite3 adapter writes them (its default "iso8601" format). */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/**
 * A realistic history for the load test, written with raw prepared statements in one
 * transaction (bench tooling only; the app itself goes through Prisma): `learners` guests, each
 * with cards for most questions of the deck and `reviewLogs / learners` answers spread over the
 * past half year. A tenth of the cards are due now, so next-card serves reviews as well as new
 * cards. Deterministic: card versions are known, so submits can answer existing cards.
 */
export function seedStudyLoad(options: {
  databaseFile: string;
  deckId: string;
  learners: number;
  reviewLogs: number;
  now: Date;
}): SeededLoad {
  const started = performance.now();
  const sqlite = new Database(options.databaseFile);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  const questions = sqlite
    .prepare(
      `SELECT id, siblingKey FROM "Question" WHERE deckId = ? AND retiredAt IS NULL ORDER BY position`,
    )
    .all(options.deckId) as { id: string; siblingKey: string }[];
  if (questions.length < 4) throw new Error(`deck ${options.deckId} has too few questions`);
  // A quarter of the questions stay new for every learner, so submits also create cards.
  const cardsPerLearner = Math.ceil((questions.length * 3) / 4);
  const logsPerLearner = Math.ceil(options.reviewLogs / options.learners);
  const now = options.now.getTime();
  const stamp = iso(now);

  const insertLearner = sqlite.prepare(
    `INSERT INTO "Learner" (id, timeZone, createdAt, updatedAt) VALUES (?, 'Europe/Moscow', ?, ?)`,
  );
  const insertCard = sqlite.prepare(
    `INSERT INTO "Card" (id, learnerId, questionId, due, stability, difficulty, elapsedDays,
       scheduledDays, learningSteps, reps, lapses, state, lastReview, suspended, version,
       createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, 5.0, ?, ?, 0, ?, 0, 2, ?, 0, ?, ?, ?)`,
  );
  const insertLog = sqlite.prepare(
    `INSERT INTO "ReviewLog" (id, learnerId, cardId, questionId, clientAnswerId, siblingKey,
       rating, state, due, stability, difficulty, elapsedDays, lastElapsedDays, scheduledDays,
       learningSteps, previousDue, reviewedAt, durationMs, answer, correct, response)
     VALUES (?, ?, ?, ?, ?, ?, 3, 2, ?, 10.0, 5.0, 7, 7, 14, 0, ?, ?, 4000, '{"type":"reveal"}', NULL, '{}')`,
  );

  const learnerIds = Array.from({ length: options.learners }, (_, i) => `bench-learner-${i}`);
  // questionIndex(learner, k): the learner's k-th question; cards exist for k < cardsPerLearner.
  const rotation = (learner: number, k: number) => (learner + k) % questions.length;
  const logsOfCard = (card: number) =>
    Math.floor(logsPerLearner / cardsPerLearner) +
    (card < logsPerLearner % cardsPerLearner ? 1 : 0);

  let reviewLogs = 0;
  sqlite.transaction(() => {
    for (const [learner, learnerId] of learnerIds.entries()) {
      insertLearner.run(learnerId, stamp, stamp);
      for (let k = 0; k < cardsPerLearner; k += 1) {
        const question = questions[rotation(learner, k)];
        if (!question) continue;
        const cardId = `bench-card-${learner}-${k}`;
        const logs = logsOfCard(k);
        const lastReview = now - (1 + ((learner + k) % 20)) * DAY_MS;
        const due = (learner + k) % 10 === 0 ? now - DAY_MS : now + (5 + (k % 60)) * DAY_MS;
        insertCard.run(
          cardId,
          learnerId,
          question.id,
          iso(due),
          20,
          Math.round((now - lastReview) / DAY_MS),
          Math.round((due - lastReview) / DAY_MS),
          logs,
          iso(lastReview),
          Math.max(0, logs - 1),
          stamp,
          stamp,
        );
        for (let r = 0; r < logs; r += 1) {
          const reviewedAt = lastReview - (logs - 1 - r) * 7 * DAY_MS;
          insertLog.run(
            `bench-log-${learner}-${k}-${r}`,
            learnerId,
            cardId,
            question.id,
            `bench-answer-${learner}-${k}-${r}`,
            question.siblingKey,
            iso(reviewedAt + 14 * DAY_MS),
            iso(reviewedAt),
            iso(reviewedAt),
          );
          reviewLogs += 1;
        }
      }
    }
  })();
  sqlite.pragma("optimize");
  sqlite.close();

  return {
    learnerIds,
    questionIds: questions.map((q) => q.id),
    cardsPerLearner,
    reviewLogs,
    seedSeconds: Math.round((performance.now() - started) / 100) / 10,
    versionOf: (learner, question) => {
      const k = (((question - learner) % questions.length) + questions.length) % questions.length;
      return k < cardsPerLearner ? Math.max(0, logsOfCard(k) - 1) : null;
    },
  };
}
