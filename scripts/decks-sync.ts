/** `npm run decks:sync`: loads data/sources/*.md into the database (also done by npm start). */
import path from "node:path";
import { readEnv } from "@/lib/config/env";
import { loadDecks } from "@/lib/tooling/load-decks";
import { applyMigrations, checkDatabase, StartupError } from "@/lib/tooling/prepare-database";

const root = path.resolve(import.meta.dirname, "..");
try {
  const { database } = readEnv();
  await checkDatabase(database);
  await applyMigrations(root, database);
  const report = await loadDecks(root, database, (line) => console.log(`decks:sync: ${line}`));
  if (report.failures.length > 0) process.exitCode = 1;
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  console.error(`decks:sync: ${error.message}`);
  process.exit(1);
}
