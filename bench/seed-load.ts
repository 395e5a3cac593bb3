import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "@/lib/config/database-url";

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
 * A realistic history for the load test, written with the database's own driver in one
 * transaction (bench tooling only; the app itself goes through Prisma): `learners` guests, each
 * with cards for most questions of the deck and `reviewLogs / learners` answers spread over the
 * past half year. A tenth of the cards are due now, so next-card serves reviews as well as new
 * cards. Deterministic: card versions are known, so submits can answer existing cards.
 */
export async function seedStudyLoad(options: {
  /** The SQLite file, or a PostgreSQL URL. */
  database: string;
  deckId: string;
  learners: number;
  reviewLogs: number;
  now: Date;
}): Promise<SeededLoad> {
  const started = performance.now();
  const sink = isPostgresUrl(options.database)
    ? await postgresSink(options.database)
    : sqliteSink(options.database);
  const questions = await sink.questions(options.deckId);
  if (questions.length < 4) throw new Error(`deck ${options.deckId} has too few questions`);
  // A quarter of the questions stay new for every learner, so submits also create cards.
  const cardsPerLearner = Math.ceil((questions.length * 3) / 4);
  const logsPerLearner = Math.ceil(options.reviewLogs / options.learners);
  const now = options.now.getTime();
  const stamp = iso(now);

  const learnerIds = Array.from({ length: options.learners }, (_, i) => `bench-learner-${i}`);
  // questionIndex(learner, k): the learner's k-th question; cards exist for k < cardsPerLearner.
  const rotation = (learner: number, k: number) => (learner + k) % questions.length;
  const logsOfCard = (card: number) =>
    Math.floor(logsPerLearner / cardsPerLearner) +
    (card < logsPerLearner % cardsPerLearner ? 1 : 0);

  let reviewLogs = 0;
  for (const [learner, learnerId] of learnerIds.entries()) {
    await sink.add("learner", [learnerId, stamp, stamp]);
    for (let k = 0; k < cardsPerLearner; k += 1) {
      const question = questions[rotation(learner, k)];
      if (!question) continue;
      const cardId = `bench-card-${learner}-${k}`;
      const logs = logsOfCard(k);
      const lastReview = now - (1 + ((learner + k) % 20)) * DAY_MS;
      const due = (learner + k) % 10 === 0 ? now - DAY_MS : now + (5 + (k % 60)) * DAY_MS;
      await sink.add("card", [
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
      ]);
      for (let r = 0; r < logs; r += 1) {
        const reviewedAt = lastReview - (logs - 1 - r) * 7 * DAY_MS;
        await sink.add("log", [
          `bench-log-${learner}-${k}-${r}`,
          learnerId,
          cardId,
          question.id,
          `bench-answer-${learner}-${k}-${r}`,
          question.siblingKey,
          iso(reviewedAt + 14 * DAY_MS),
          iso(reviewedAt),
          iso(reviewedAt),
        ]);
        reviewLogs += 1;
      }
    }
  }
  await sink.finish();

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

type Table = "learner" | "card" | "log";

/** Where the seed's rows go: the values of each table's parameters, in the order below. */
interface RowSink {
  questions(deckId: string): Promise<{ id: string; siblingKey: string }[]>;
  add(table: Table, values: unknown[]): Promise<void>;
  finish(): Promise<void>;
}

// The columns each row gives, then the constant columns; every table's rows look alike.
const COLUMNS: Record<Table, { table: string; given: string[]; constant: Record<string, string> }> =
  {
    learner: {
      table: "Learner",
      given: ["id", "createdAt", "updatedAt"],
      constant: { timeZone: "'Europe/Moscow'" },
    },
    card: {
      table: "Card",
      given: [
        "id",
        "learnerId",
        "questionId",
        "due",
        "stability",
        "elapsedDays",
        "scheduledDays",
        "reps",
        "lastReview",
        "version",
        "createdAt",
        "updatedAt",
      ],
      constant: {
        difficulty: "5.0",
        learningSteps: "0",
        lapses: "0",
        state: "2",
        suspended: "%false%",
      },
    },
    log: {
      table: "ReviewLog",
      given: [
        "id",
        "learnerId",
        "cardId",
        "questionId",
        "clientAnswerId",
        "siblingKey",
        "due",
        "previousDue",
        "reviewedAt",
      ],
      constant: {
        rating: "3",
        state: "2",
        stability: "10.0",
        difficulty: "5.0",
        elapsedDays: "7",
        lastElapsedDays: "7",
        scheduledDays: "14",
        learningSteps: "0",
        durationMs: "4000",
        answer: `'{"type":"reveal"}'`,
        correct: "NULL",
        response: "'{}'",
      },
    },
  };

function insertSql(table: Table, rows: number, placeholder: (n: number) => string, no: string) {
  const { table: name, given, constant } = COLUMNS[table];
  const columns = [...given, ...Object.keys(constant)].map((c) => `"${c}"`).join(", ");
  const constants = Object.values(constant).map((v) => v.replace("%false%", no));
  const tuples = Array.from({ length: rows }, (_, row) => {
    const params = given.map((_, i) => placeholder(row * given.length + i + 1));
    return `(${[...params, ...constants].join(", ")})`;
  });
  return `INSERT INTO "${name}" (${columns}) VALUES ${tuples.join(", ")}`;
}

function sqliteSink(file: string): RowSink {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  const inserts = {
    learner: sqlite.prepare(insertSql("learner", 1, () => "?", "0")),
    card: sqlite.prepare(insertSql("card", 1, () => "?", "0")),
    log: sqlite.prepare(insertSql("log", 1, () => "?", "0")),
  };
  sqlite.exec("BEGIN");
  return {
    questions: async (deckId) =>
      sqlite
        .prepare(
          `SELECT "id", "siblingKey" FROM "Question" WHERE "deckId" = ? AND "retiredAt" IS NULL ORDER BY "position"`,
        )
        .all(deckId) as { id: string; siblingKey: string }[],
    add: async (table, values) => void inserts[table].run(...values),
    finish: async () => {
      sqlite.exec("COMMIT");
      sqlite.pragma("optimize");
      sqlite.close();
    },
  };
}

/** Rows sent 500 at a time (PostgreSQL takes at most 65,535 parameters per statement). */
const POSTGRES_BATCH = 500;

async function postgresSink(url: string): Promise<RowSink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  const pending: Record<Table, unknown[][]> = { learner: [], card: [], log: [] };
  const flush = async (table: Table) => {
    const rows = pending[table];
    if (rows.length === 0) return;
    pending[table] = [];
    await client.query(
      insertSql(table, rows.length, (n) => `$${n}`, "false"),
      rows.flat(),
    );
  };
  return {
    questions: async (deckId) =>
      (
        await client.query<{ id: string; siblingKey: string }>(
          `SELECT "id", "siblingKey" FROM "Question" WHERE "deckId" = $1 AND "retiredAt" IS NULL ORDER BY "position"`,
          [deckId],
        )
      ).rows,
    add: async (table, values) => {
      pending[table].push(values);
      // Parents first: a card's learner and a log's card must already be there.
      if (pending[table].length >= POSTGRES_BATCH) {
        if (table !== "learner") await flush("learner");
        if (table === "log") await flush("card");
        await flush(table);
      }
    },
    finish: async () => {
      for (const table of ["learner", "card", "log"] as const) await flush(table);
      await client.query("COMMIT");
      await client.query('ANALYZE "Learner", "Card", "ReviewLog"');
      await client.end();
    },
  };
}
