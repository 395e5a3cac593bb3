import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { reportQuestion } from "@/lib/server/reports/question-reports";
import { databaseUrlFor } from "@/lib/config/database-url";
import { createTestDatabase, onPostgres, type TestDatabase } from "../setup/test-database";

const RU = "containers-vs-pods.ru";
const EN = "containers-vs-pods.en";
const NOW = new Date("2026-03-02T06:00:00Z");

let t: TestDatabase;
let ruQuestion: { id: string; kind: string };
let enQuestion: { id: string };
beforeAll(async () => {
  t = createTestDatabase();
  await syncDecks(t.db, { sourcesDir: "data/sources", now: NOW });
  ruQuestion = await t.db.question.findFirstOrThrow({
    where: { deckId: RU },
    orderBy: { position: "asc" },
  });
  enQuestion = await t.db.question.findFirstOrThrow({ where: { deckId: EN } });
  const reports = [
    { questionId: ruQuestion.id, reason: "wrong-answer", comment: "Ответ не тот" },
    { questionId: ruQuestion.id, reason: "wrong-answer", comment: undefined },
    { questionId: enQuestion.id, reason: "ambiguous", comment: "Two answers fit" },
  ] as const;
  for (const [i, { questionId, reason, comment }] of reports.entries()) {
    const learnerId = (await t.db.learner.create({ data: {} })).id;
    await reportQuestion(t.db, {
      learnerId,
      questionId,
      address: "local",
      input: { reason, comment },
      now: new Date(NOW.getTime() + i * 1000),
    });
  }
  // t.db stays connected: the command must work while the app is serving.
});
afterAll(() => t.cleanup());

function reports(...args: string[]) {
  return spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/reports.ts", ...args],
    {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: databaseUrlFor(t.file) },
      timeout: 60_000,
    },
  );
}

// Each case spawns tsx (a second or two apiece); a loaded CI machine needs the headroom.
describe("npm run reports", { timeout: 60_000 }, () => {
  it("lists open reports per deck with reasons, count and the latest comment", () => {
    const result = reports();
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines).toContain(`${EN}: 1 open report(s) on 1 question(s)`);
    expect(lines).toContain(`${RU}: 2 open report(s) on 1 question(s)`);
    expect(result.stdout).toContain(`  2  ${ruQuestion.id}  [${ruQuestion.kind}]  wrong-answer ×2`);
    expect(result.stdout).toContain("latest comment: Ответ не тот");
    expect(result.stdout).toContain("latest comment: Two answers fit");
  });

  it("prints JSON with --json and keeps one deck with --deck", () => {
    const result = reports("--json", "--deck", EN);
    expect(result.status).toBe(0);
    const { questions } = JSON.parse(result.stdout) as {
      questions: { deckId: string; questionId: string; count: number; latestComment: string }[];
    };
    expect(questions).toEqual([
      expect.objectContaining({
        deckId: EN,
        questionId: enQuestion.id,
        count: 1,
        reasons: [{ reason: "ambiguous", count: 1 }],
        latestComment: "Two answers fit",
      }),
    ]);
  });

  it("resolves a question's reports with --resolve; they leave the list", () => {
    const resolved = reports("--resolve", enQuestion.id);
    expect(resolved.status).toBe(0);
    expect(resolved.stdout).toContain(`resolved 1 open report(s) of ${enQuestion.id}`);
    const after = reports("--deck", EN);
    expect(after.status).toBe(0);
    expect(after.stdout).toBe("reports: no open reports\n");
  });

  // A missing SQLite file opens empty; on PostgreSQL a database is created by its administrator.
  it.skipIf(onPostgres())("says what to do when the database was never migrated", () => {
    const result = spawnSync(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/reports.ts"],
      {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: `file:${t.file}-empty.db` },
        timeout: 60_000,
      },
    );
    fs.rmSync(`${t.file}-empty.db`, { force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("npm run db:migrate");
  });

  it("refuses an unknown option with the usage", () => {
    const result = reports("--everything");
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/usage: npm run reports/);
  });
});
