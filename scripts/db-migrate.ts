/** `npm run db:migrate`: applies pending migrations to DATABASE_URL (default var/poddeck.db). */
import path from "node:path";
import { readEnv } from "@/lib/config/env";
import { applyMigrations, checkDatabaseFile, StartupError } from "@/lib/tooling/prepare-database";

const root = path.resolve(import.meta.dirname, "..");
try {
  const { databaseFile } = readEnv();
  checkDatabaseFile(databaseFile);
  applyMigrations(root, databaseFile);
  console.log(`db:migrate: ${path.relative(root, databaseFile)} is up to date`);
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  console.error(`db:migrate: ${error.message}`);
  process.exit(1);
}
