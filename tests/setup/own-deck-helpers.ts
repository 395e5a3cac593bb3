import crypto from "node:crypto";
import fs from "node:fs";
import { expect } from "vitest";
import type { DeckViewer } from "@/lib/server/decks/deck-access";
import { createOwnDeck } from "@/lib/server/decks/own-decks";
import { getDeck, listDecks } from "@/lib/server/decks/queries";
import type { Db } from "@/lib/server/db";

/** A teacher's well-formed document of our own (not a built-in deck). */
export const OWN_DOCUMENT = fs.readFileSync(
  "tests/fixtures/documents/vm-vs-container.en.md",
  "utf8",
);

export const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * Users, saved decks and "does this viewer see it?" for the own-deck tests. `db` is read when
 * called, since the test database is created in beforeAll.
 */
export function ownDeckHelpers(db: () => Db, now: Date) {
  async function newUser(role: "teacher" | "learner" = "learner") {
    const user = await db().user.create({
      data: { email: `${role}-${crypto.randomUUID()}@example.test`, role },
    });
    const learner = await db().learner.create({ data: { userId: user.id } });
    return { userId: user.id, learnerId: learner.id, email: user.email };
  }

  async function saveDeck(userId: string, text = OWN_DOCUMENT) {
    const result = await createOwnDeck(db(), { userId, bytes: bytes(text), now });
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
    return result.deckId;
  }

  async function sees(viewer: DeckViewer, deckId: string) {
    const listed = (await listDecks(db(), viewer)).some((d) => d.summary.id === deckId);
    const opened = (await getDeck(db(), viewer, deckId)) !== null;
    // The list and the page agree, always.
    expect(listed).toBe(opened);
    return opened;
  }

  return { newUser, saveDeck, sees };
}
