import fs from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import type { ClassRow, ClassWorld } from "./authorization-classes";
import { expect } from "./fixtures";
import { captureAction, replay, type CapturedAction } from "./server-actions";
import { countRows, readValue } from "./test-database";

/*
 * Authorization rows of own decks (save, share, edit, delete), tried by an anonymous visitor, a student
 * of another class, another teacher and the deck's author. They share one class world (the
 * author is its owner teacher; `student` is enrolled in the author's class), so authorization.test.ts
 * runs them in one test, in this order: the first row saves the deck the others use, the last
 * deletes it.
 */

const DOCUMENT = fs.readFileSync("tests/fixtures/documents/vm-vs-container.en.md");
const EDITED = Buffer.from(
  DOCUMENT.toString("utf8").replace("from several seconds", "from ten seconds"),
);
const MARKDOWN = { "content-type": "text/markdown; charset=utf-8" };

const postDeck = (api: APIRequestContext, data: Buffer = DOCUMENT) =>
  api.post("/api/decks", { headers: MARKDOWN, data });
const putSource = (api: APIRequestContext, deckId: string, data: Buffer = EDITED) =>
  api.put(`/api/decks/${deckId}/source`, { headers: MARKDOWN, data });
const putSharing = (
  api: APIRequestContext,
  deckId: string,
  visibility: string,
  classIds: string[] = [],
) => api.put(`/api/decks/${deckId}/sharing`, { data: { visibility, classIds } });

const decksOfAuthorOf = (deckId: string) =>
  countRows(
    `SELECT count(*) AS n FROM "Deck" WHERE "ownerId" = (SELECT "ownerId" FROM "Deck" WHERE id = ?)`,
    deckId,
  );
const sourceOf = (deckId: string) =>
  readValue<string>(`SELECT "sourceMarkdown" AS value FROM "Deck" WHERE id = ?`, deckId);
const visibilityOf = (deckId: string) =>
  readValue<string>(`SELECT visibility AS value FROM "Deck" WHERE id = ?`, deckId);
const sharesOf = (deckId: string) =>
  countRows(`SELECT count(*) AS n FROM "DeckShare" WHERE "deckId" = ?`, deckId);
const exportOf = (api: APIRequestContext, deckId: string, query = "format=apkg") =>
  api.get(`/api/decks/${deckId}/export?${query}`);
const pageStatus = async (api: APIRequestContext, deckId: string) =>
  (await api.get(`/decks/${deckId}`)).status();
const deletedAtOf = (deckId: string) =>
  readValue<string | null>(`SELECT "deletedAt" AS value FROM "Deck" WHERE id = ?`, deckId);

/** The author's "delete the deck" as their browser sends it, confirmed in the dialog. */
async function captureDeleteDeck(w: ClassWorld): Promise<CapturedAction> {
  const page = w.owner.page;
  await page.goto(`/decks/${deckOf(w)}`);
  return captureAction(page, async () => {
    await page.getByRole("button", { name: "Удалить колоду" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Удалить колоду" }).click();
  });
}

/** The same request naming another deck: the id is a plain form field of the body. */
function naming(action: CapturedAction, from: string, to: string): CapturedAction {
  const body = Buffer.from(action.body.toString("latin1").split(from).join(to), "latin1");
  return { ...action, body };
}

/** The author's private deck, saved by the first row. */
const authorDeck = new WeakMap<ClassWorld, string>();
const deckOf = (w: ClassWorld) => authorDeck.get(w)!;

export const DECK_ROWS: ClassRow[] = [
  {
    target: "POST /api/decks",
    anonymous: async (w) => {
      expect((await postDeck(w.anonymous)).status()).toBe(401);
    },
    otherStudent: async (w) => {
      // Anyone signed in saves decks of their own: nobody else's count changes.
      const response = await postDeck(w.otherStudent.api);
      expect(response.status()).toBe(201);
      const { deckId } = await response.json();
      expect(await pageStatus(w.otherStudent.api, deckId)).toBe(200);
      expect(await pageStatus(w.owner.api, deckId), "private to its author").toBe(404);
    },
    otherTeacher: async (w) => {
      // A broken document saves nothing.
      const response = await postDeck(w.otherTeacher.api, Buffer.from("# Только заголовок\n"));
      expect(response.status()).toBe(200);
      expect((await response.json()).ok).toBe(false);
    },
    owner: async (w) => {
      const response = await postDeck(w.owner.api);
      expect(response.status()).toBe(201);
      const { deckId } = (await response.json()) as { deckId: string };
      authorDeck.set(w, deckId);
      expect(decksOfAuthorOf(deckId)).toBe(1);
      expect(visibilityOf(deckId)).toBe("private");
      expect(await pageStatus(w.student.api, deckId), "not shared yet").toBe(404);
    },
  },
  {
    target: "PUT /api/decks/[deckId]/sharing",
    anonymous: async (w) => {
      expect((await putSharing(w.anonymous, deckOf(w), "public")).status()).toBe(401);
      expect(visibilityOf(deckOf(w))).toBe("private");
    },
    otherStudent: async (w) => {
      expect((await putSharing(w.otherStudent.api, deckOf(w), "public")).status()).toBe(404);
      expect(visibilityOf(deckOf(w))).toBe("private");
    },
    otherTeacher: async (w) => {
      // Neither the author's deck nor, for the author, someone else's class.
      const forged = await putSharing(w.otherTeacher.api, deckOf(w), "class", [
        w.otherClass.classId,
      ]);
      expect(forged.status()).toBe(404);
      const theirClass = await putSharing(w.owner.api, deckOf(w), "class", [w.otherClass.classId]);
      expect(theirClass.status()).toBe(404);
      expect([visibilityOf(deckOf(w)), sharesOf(deckOf(w))]).toEqual(["private", 0]);
    },
    owner: async (w) => {
      const response = await putSharing(w.owner.api, deckOf(w), "class", [w.ownerClass.classId]);
      expect(response.status()).toBe(204);
      expect([visibilityOf(deckOf(w)), sharesOf(deckOf(w))]).toEqual(["class", 1]);
      expect(await pageStatus(w.student.api, deckOf(w)), "the class's student sees it").toBe(200);
      expect(await pageStatus(w.otherStudent.api, deckOf(w)), "another class's does not").toBe(404);
      expect(await pageStatus(w.anonymous, deckOf(w))).toBe(404);
    },
  },
  {
    target: "PUT /api/decks/[deckId]/source",
    anonymous: async (w) => {
      expect((await putSource(w.anonymous, deckOf(w))).status()).toBe(401);
      expect(sourceOf(deckOf(w))).toBe(DOCUMENT.toString("utf8"));
    },
    otherStudent: async (w) => {
      expect((await putSource(w.otherStudent.api, deckOf(w))).status()).toBe(404);
      // Seeing a deck (a student of the class it is shared with) is not editing it.
      expect((await putSource(w.student.api, deckOf(w))).status()).toBe(401);
      expect(sourceOf(deckOf(w))).toBe(DOCUMENT.toString("utf8"));
    },
    otherTeacher: async (w) => {
      expect((await putSource(w.otherTeacher.api, deckOf(w))).status()).toBe(404);
      // A built-in deck is read-only for everyone.
      expect((await putSource(w.otherTeacher.api, "containers-vs-pods.en")).status()).toBe(404);
      expect(sourceOf(deckOf(w))).toBe(DOCUMENT.toString("utf8"));
    },
    owner: async (w) => {
      const response = await putSource(w.owner.api, deckOf(w));
      expect(response.status()).toBe(200);
      expect((await response.json()).ok).toBe(true);
      expect(sourceOf(deckOf(w))).toBe(EDITED.toString("utf8"));
    },
  },
  {
    target: "GET /api/decks/[deckId]/export",
    anonymous: async (w) => {
      expect((await exportOf(w.anonymous, deckOf(w))).status()).toBe(404);
      // A public deck exports for anyone, guests included.
      const builtIn = await exportOf(w.anonymous, "containers-vs-pods.en", "format=quizlet");
      expect(builtIn.status()).toBe(200);
      expect(builtIn.headers()["content-disposition"]).toContain(
        "containers-vs-pods.en.quizlet.txt",
      );
    },
    otherStudent: async (w) => {
      expect((await exportOf(w.otherStudent.api, deckOf(w))).status()).toBe(404);
      // The student of the class it is shared with sees it, so may export it.
      expect((await exportOf(w.student.api, deckOf(w), "format=csv")).status()).toBe(200);
    },
    otherTeacher: async (w) => {
      expect((await exportOf(w.otherTeacher.api, deckOf(w), "format=csv")).status()).toBe(404);
      expect((await exportOf(w.otherTeacher.api, deckOf(w), "format=pdf")).status()).toBe(400);
    },
    owner: async (w) => {
      const response = await exportOf(w.owner.api, deckOf(w), "format=apkg&progress=1");
      expect(response.status()).toBe(200);
      expect(response.headers()["content-disposition"]).toContain(".apkg");
      // A zip file (PK\x03\x04).
      expect([...(await response.body()).subarray(0, 4)]).toEqual([0x50, 0x4b, 3, 4]);
    },
  },
  {
    target: "action app/decks/[deckId]/actions.ts#deleteDeckAction",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureDeleteDeck(w));
      expect(deletedAtOf(deckOf(w))).toBeNull();
    },
    otherStudent: async (w) => {
      const action = await captureDeleteDeck(w);
      await replay(w.otherStudent.api, action);
      // Seeing a deck (a student of the class it is shared with) is not deleting it.
      await replay(w.student.api, action);
      expect(deletedAtOf(deckOf(w))).toBeNull();
      expect(await pageStatus(w.student.api, deckOf(w))).toBe(200);
    },
    otherTeacher: async (w) => {
      await replay(w.otherTeacher.api, await captureDeleteDeck(w));
      expect(deletedAtOf(deckOf(w))).toBeNull();
      // Nor may the author name a built-in deck instead of their own.
      const builtIn = "containers-vs-pods.en";
      await replay(w.owner.api, naming(await captureDeleteDeck(w), deckOf(w), builtIn));
      expect([deletedAtOf(builtIn), deletedAtOf(deckOf(w))]).toEqual([null, null]);
      expect(await pageStatus(w.anonymous, builtIn)).toBe(200);
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureDeleteDeck(w));
      expect(deletedAtOf(deckOf(w))).not.toBeNull();
      expect(sharesOf(deckOf(w))).toBe(0);
      expect(await pageStatus(w.owner.api, deckOf(w)), "gone for its author too").toBe(404);
      expect(await pageStatus(w.student.api, deckOf(w))).toBe(404);
    },
  },
];
