import path from "node:path";
import { createDb } from "@/lib/server/db";
import { syncDecks, type SyncReport } from "@/lib/server/decks/sync-decks";

/** Loads every document in data/sources/ into the database and prints one line per deck. */
export async function loadDecks(
  root: string,
  databaseFile: string,
  log: (line: string) => void,
): Promise<SyncReport> {
  const db = createDb(databaseFile);
  try {
    const report = await syncDecks(db, {
      sourcesDir: path.join(root, "data", "sources"),
      now: new Date(),
    });
    for (const d of report.decks) {
      log(
        `deck ${d.deckId}: ${d.created + d.updated + d.unchanged} questions (${d.created} new, ${d.updated} changed, ${d.retired} retired)`,
      );
    }
    for (const f of report.failures) log(`skipped ${f.file}: ${f.message}`);
    return report;
  } finally {
    await db.$disconnect();
  }
}
