/**
 * `npm run db:backup -- <file> [--force]`: a consistent copy of DATABASE_URL (default
 * var/poddeck.db), safe while the server runs. Refuses to replace an existing file without --force.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { EnvError, readEnv } from "@/lib/config/env";
import { isPostgresUrl } from "@/lib/config/database-url";
import { backupDatabase, BackupError } from "@/lib/tooling/backup-database";

function fail(message: string): never {
  console.error(`db:backup: ${message}`);
  process.exit(1);
}

let args: { values: { force?: boolean }; positionals: string[] };
try {
  args = parseArgs({ options: { force: { type: "boolean" } }, allowPositionals: true });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const [target, ...extra] = args.positionals;
if (!target || extra.length > 0) fail("usage: npm run db:backup -- <file> [--force]");

const started = Date.now();
let databaseFile: string;
try {
  databaseFile = readEnv().database;
  if (isPostgresUrl(databaseFile)) {
    fail(
      "DATABASE_URL is a PostgreSQL server: back it up with pg_dump (README, Running on PostgreSQL)",
    );
  }
  backupDatabase({ source: databaseFile, target, force: args.values.force ?? false });
} catch (error) {
  if (error instanceof BackupError || error instanceof EnvError) fail(error.message);
  throw error;
}
console.log(
  `db:backup: ${path.relative(process.cwd(), databaseFile)} copied to ${target} in ${Date.now() - started} ms`,
);
