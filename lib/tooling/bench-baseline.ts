import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl, resolveDatabase } from "@/lib/config/database-url";

/**
 * The bare baseline `npm run bench` compares our routes with: one prepared statement per request
 * on the database's own driver (better-sqlite3, or `pg` for PostgreSQL), no Prisma, no domain
 * logic. Only served when PODDECK_BENCH=1.
 */
interface Baseline {
  insert(payload: string): Promise<void>;
  select(learnerId: string): Promise<unknown>;
}

const CREATE_TABLE =
  "CREATE TABLE IF NOT EXISTS bench_baseline (id %s PRIMARY KEY, payload TEXT NOT NULL)";
const SELECT_DUE = `SELECT "id", "due" FROM "Card" WHERE "learnerId" = %s ORDER BY "due" LIMIT 1`;

function sqliteBaseline(file: string): Baseline {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.exec(CREATE_TABLE.replace("%s", "INTEGER"));
  const insert = sqlite.prepare("INSERT INTO bench_baseline (payload) VALUES (?)");
  const select = sqlite.prepare(SELECT_DUE.replace("%s", "?"));
  return {
    insert: async (payload) => void insert.run(payload),
    select: async (learnerId) => select.get(learnerId) ?? null,
  };
}

function postgresBaseline(url: string): Baseline {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const ready = pool.query(CREATE_TABLE.replace("%s", "SERIAL"));
  return {
    insert: async (payload) => {
      await ready;
      await pool.query({
        name: "bench-insert",
        text: "INSERT INTO bench_baseline (payload) VALUES ($1)",
        values: [payload],
      });
    },
    select: async (learnerId) => {
      await ready;
      const { rows } = await pool.query({
        name: "bench-select",
        text: SELECT_DUE.replace("%s", "$1"),
        values: [learnerId],
      });
      return rows[0] ?? null;
    },
  };
}

let baseline: Baseline | null = null;

function open(): Baseline {
  const database = resolveDatabase();
  baseline ??= isPostgresUrl(database) ? postgresBaseline(database) : sqliteBaseline(database);
  return baseline;
}

export function isBenchEnabled(): boolean {
  return process.env.PODDECK_BENCH === "1";
}

export function baselineInsert(payload: string): Promise<void> {
  return open().insert(payload);
}

export function baselineSelect(learnerId: string): Promise<unknown> {
  return open().select(learnerId);
}
