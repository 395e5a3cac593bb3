import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrlFor } from "@/lib/config/database-url";

export class StartupError extends Error {}

/** Opens the file once with the driver so a bad path fails with a sentence, not a Prisma stack. */
export function checkDatabaseFile(file: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const probe = new Database(file);
    try {
      probe.pragma("journal_mode = WAL");
      probe.prepare("SELECT count(*) FROM sqlite_master").get();
    } finally {
      probe.close();
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StartupError(`cannot open the database ${file}: ${reason}`);
  }
}

/** `prisma migrate deploy`: applies pending migrations, a no-op when all are applied. */
export function applyMigrations(root: string, file: string): void {
  const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
  const result = spawnSync(process.execPath, [cli, "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrlFor(file), PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}\n${result.stderr ?? ""}`;
    const line = output
      .split("\n")
      .map((l) => l.trim())
      .find((l) => /^Error|error:/i.test(l));
    throw new StartupError(
      `migrations could not be applied to ${file}: ${line ?? "prisma migrate deploy failed"}`,
    );
  }
}
