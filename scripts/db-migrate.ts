/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (default var/poddeck.db). */
import path from "node:path";
import { readEnv } from "@/lib/config/env";
import { describeDatabase } from "@/lib/config/database-url";
import { applyMigrations, checkDatabase, StartupError } from "@/lib/tooling/prepare-database";

const root = path.resolve(import.meta.dirname, "..");
try {
  const { database } = readEnv();
  await checkDatabase(database);
  await applyMigrations(root, database);
  console.log(`db:migrate: ${describeDatabase(root, database)} is up to date`);
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  console.error(`db:migrate: ${error.message}`);
  process.exit(1);
}
