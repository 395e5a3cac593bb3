import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";

const NOW = new Date("2026-03-02T06:00:00Z");
const LATER = new Date("2026-03-09T06:00:00Z");
const RU = "containers-vs-pods.ru";
/**
 * SHA-256 of data/sources/containers-vs-pods.ru.md, which must stay word for word the source
 * document it was copied from. Tests read only the checked-in copy; an edit to it fails here.
 */
const RU_SOURCE_SHA256 = "87c0730f0df4d984f86be79adf7b188ed8d6ea5c6874ef436195f8b5b3f8d7c3";
const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

let t: TestDatabase;
let dir: string;
beforeEach(() => {
  t = createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-sources-"));
  for (const name of fs.readdirSync("data/sources"))
    fs.copyFileSync(path.join("data/sources", name), path.join(dir, name));
});
afterEach(async () => {
  await t.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("syncDecks", () => {
  it("loads every document, and a second run changes nothing", async () => {
    const first = await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    expect(first.failures).toEqual([]);
    expect(first.decks.map((d) => d.deckId).sort()).toEqual(["containers-vs-pods.en", RU]);
    expect(first.decks.every((d) => d.created > 20 && d.updated === 0 && d.retired === 0)).toBe(
      true,
    );

    const snapshot = async () => ({
      decks: await t.db.deck.findMany({ orderBy: { id: "asc" } }),
      questions: await t.db.question.findMany({ orderBy: { id: "asc" } }),
    });
    const before = await snapshot();
    const second = await syncDecks(t.db, { sourcesDir: dir, now: LATER });
    expect(second.decks.map((d) => [d.created, d.updated, d.retired])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the text of the seed word for word", async () => {
    await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    const deck = await t.db.deck.findUniqueOrThrow({ where: { id: RU } });
    const seed = fs.readFileSync(path.join("data/sources", `${RU}.md`), "utf8");
    expect(sha256(seed)).toBe(RU_SOURCE_SHA256);
    expect(deck.sourceMarkdown).toBe(seed);
    expect(sha256(deck.sourceMarkdown)).toBe(RU_SOURCE_SHA256);
  });

  it("retires questions that left the document and keeps the learner's progress on them", async () => {
    await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    const idsBefore = (
      await t.db.question.findMany({ where: { deckId: RU }, select: { id: true } })
    ).map((q) => q.id);
    const file = path.join(dir, `${RU}.md`);
    const original = fs.readFileSync(file, "utf8");
    const exampleLine = original
      .split("\n")
      .find((l) => l.includes("**Изоляция:**") && l.includes("Каждый контейнер"));
    expect(exampleLine).toBeDefined();

    const doomed = await t.db.question.findMany({
      where: { deckId: RU, siblingKey: "fact:container:isolation" },
    });
    expect(doomed.length).toBeGreaterThan(0);
    const learner = await t.db.learner.create({ data: {} });
    await t.db.card.create({
      data: {
        learnerId: learner.id,
        questionId: doomed[0]!.id,
        due: NOW,
        stability: 1,
        difficulty: 5,
        elapsedDays: 0,
        scheduledDays: 1,
        learningSteps: 0,
        reps: 1,
        lapses: 0,
        state: 2,
      },
    });

    fs.writeFileSync(file, original.replace(`${exampleLine}\n`, ""));
    const report = await syncDecks(t.db, { sourcesDir: dir, now: LATER });
    const ru = report.decks.find((d) => d.deckId === RU);
    expect(ru?.retired).toBeGreaterThanOrEqual(doomed.length);
    const retired = await t.db.question.findMany({
      where: { id: { in: doomed.map((q) => q.id) } },
    });
    expect(retired.every((q) => q.retiredAt?.getTime() === LATER.getTime())).toBe(true);
    expect(await t.db.card.count({ where: { learnerId: learner.id } })).toBe(1);

    // Unrelated questions kept their ids.
    const kept = await t.db.question.count({ where: { id: { in: idsBefore }, retiredAt: null } });
    expect(kept).toBeGreaterThan(idsBefore.length * 0.6);

    // Restoring the text brings the same questions back.
    fs.writeFileSync(file, original);
    await syncDecks(t.db, { sourcesDir: dir, now: LATER });
    expect(
      await t.db.question.count({
        where: { id: { in: doomed.map((q) => q.id) }, retiredAt: null },
      }),
    ).toBe(doomed.length);
  });

  it("keeps an id stored under an earlier id scheme for a question that reads the same", async () => {
    await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    const question = await t.db.question.findFirstOrThrow({
      where: { deckId: RU, kind: "classify" },
    });
    // As a deck synced by an older generator would have it: same text, another id.
    await t.db
      .$executeRaw`UPDATE "Question" SET "id" = ${"legacy-classify"} WHERE "id" = ${question.id}`;
    const learner = await t.db.learner.create({ data: {} });
    await t.db.card.create({
      data: {
        learnerId: learner.id,
        questionId: "legacy-classify",
        due: NOW,
        stability: 3,
        difficulty: 5,
        elapsedDays: 0,
        scheduledDays: 3,
        learningSteps: 0,
        reps: 2,
        lapses: 0,
        state: 2,
      },
    });

    const report = await syncDecks(t.db, { sourcesDir: dir, now: LATER });
    const ru = report.decks.find((d) => d.deckId === RU);
    expect([ru?.created, ru?.retired]).toEqual([0, 0]);
    expect(await t.db.question.count({ where: { id: question.id } })).toBe(0);
    const kept = await t.db.question.findUniqueOrThrow({ where: { id: "legacy-classify" } });
    expect(kept.retiredAt).toBeNull();
    const { prompt } = JSON.parse(question.payload) as { prompt: string };
    expect(JSON.parse(kept.payload)).toMatchObject({ id: "legacy-classify", prompt });
    expect(await t.db.card.count({ where: { questionId: "legacy-classify" } })).toBe(1);
  });

  it("reports a document that does not fit, loads the rest, and leaves its old deck alone", async () => {
    await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    const countBefore = await t.db.question.count({ where: { deckId: RU } });
    fs.writeFileSync(path.join(dir, `${RU}.md`), "# Just a title\n\nNo concepts here.\n");
    fs.writeFileSync(path.join(dir, "broken.md"), "");
    const report = await syncDecks(t.db, { sourcesDir: dir, now: LATER });
    expect(report.failures.map((f) => f.file).sort()).toEqual(["broken.md", `${RU}.md`]);
    expect(report.failures.every((f) => f.message.length > 10)).toBe(true);
    expect(report.decks.map((d) => d.deckId)).toEqual(["containers-vs-pods.en"]);
    expect(await t.db.question.count({ where: { deckId: RU, retiredAt: null } })).toBe(countBefore);
  });
});
