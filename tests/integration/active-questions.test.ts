import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  listActiveQuestions,
  listQuestionsOfDeckVersions,
  rememberedDeckCopies,
} from "@/lib/server/decks/active-questions";
import { syncDecks } from "@/lib/server/decks/sync-decks";
import { createTestDatabase, type TestDatabase } from "../setup/test-database";
import { bareDeck } from "../setup/test-rows";

const NOW = new Date("2026-03-02T06:00:00Z");
const RU = "containers-vs-pods.ru";
const EN = "containers-vs-pods.en";

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

const versionOf = async (id: string) =>
  (await t.db.deck.findUniqueOrThrow({ where: { id } })).contentVersion;

describe("listActiveQuestions", () => {
  it("lists the active questions of the chosen decks in deck and position order", async () => {
    await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    const listed = await listActiveQuestions(t.db, [RU, EN]);
    const stored = await t.db.question.findMany({
      where: { deckId: { in: [RU, EN] }, retiredAt: null },
      orderBy: [{ deckId: "asc" }, { position: "asc" }],
    });
    expect(listed.map((q) => q.id)).toEqual(stored.map((q) => q.id));
    expect(listed[0]?.question).toEqual(JSON.parse(stored[0]?.payload ?? "null"));
    expect(Object.isFrozen(listed[0]?.question)).toBe(true);
  });

  it("serves a changed deck at once: a sync that changes it moves its content version on", async () => {
    await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    const before = await listActiveQuestions(t.db, [RU]);
    await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    expect(await versionOf(RU)).toBe(1);

    const file = path.join(dir, `${RU}.md`);
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const example = lines.findIndex((l) => l.includes("Каждый контейнер имеет свою"));
    expect(example).toBeGreaterThan(-1);
    fs.writeFileSync(file, lines.filter((_, i) => i !== example).join("\n"));
    const report = await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    expect(report.decks.find((d) => d.deckId === RU)?.retired).toBeGreaterThan(0);
    expect(await versionOf(RU)).toBe(2);
    expect(await versionOf(EN)).toBe(1);

    const after = await listActiveQuestions(t.db, [RU]);
    const active = await t.db.question.findMany({
      where: { deckId: RU, retiredAt: null },
      orderBy: { position: "asc" },
      select: { id: true },
    });
    expect(after.map((q) => q.id)).toEqual(active.map((q) => q.id));
    expect(after.length).toBeLessThan(before.length);
  });

  it("holds a bounded number of decks in memory and still answers every deck it is asked for", async () => {
    const DECKS = 520; // past the bound (500): the memo starts over while a call is storing
    await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    const { payload } = await t.db.question.findFirstOrThrow({ where: { deckId: RU } });
    const question = JSON.parse(payload) as object;
    const ids = Array.from({ length: DECKS }, (_, i) => `bounded-${String(i).padStart(3, "0")}`);
    await t.db.deck.createMany({ data: ids.map((id) => bareDeck(id)) });
    await t.db.question.createMany({
      data: ids.map((deckId) => ({
        id: `${deckId}-q`,
        deckId,
        kind: "definition",
        aspect: "definition",
        siblingKey: deckId,
        position: 0,
        contentHash: deckId,
        payload: JSON.stringify({ ...question, id: `${deckId}-q`, deckId }),
      })),
    });
    for (let from = 0; from < DECKS; from += 20) {
      const batch = ids.slice(from, from + 20);
      const listed = await listActiveQuestions(t.db, batch);
      expect(listed.map((q) => q.deckId)).toEqual(batch);
    }
    expect(rememberedDeckCopies()).toBeLessThanOrEqual(500);
  });

  it("reads a deck once for requests that arrive together before its copy is made", async () => {
    await syncDecks(t.db, { sourcesDir: dir, now: NOW });
    // A version no copy exists for yet, as after a sync.
    const version = (await versionOf(RU)) + 1000;
    await t.db.deck.update({ where: { id: RU }, data: { contentVersion: version } });
    const reads = vi.spyOn(t.db.question, "findMany");
    const lists = await Promise.all(
      Array.from({ length: 20 }, () =>
        listQuestionsOfDeckVersions(t.db, [{ id: RU, contentVersion: version }]),
      ),
    );
    expect(reads).toHaveBeenCalledTimes(1);
    expect(new Set(lists.map((list) => list.map((q) => q.id).join()))).toHaveProperty("size", 1);
    reads.mockRestore();
  });
});
