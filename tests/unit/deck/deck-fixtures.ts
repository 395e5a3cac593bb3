import path from "node:path";
import { buildDeck, type BuiltDeck } from "@/lib/core/deck";
import { deckOptionsOf, readDeckSource } from "@/lib/deck-files/read-deck-source";

/** Paths of the documents the deck tests read, and a loader that mirrors the CLI. */
export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const FIXTURES = path.join(ROOT, "tests/fixtures/documents");
export const SEED_RU = path.join(ROOT, "data/sources/containers-vs-pods.ru.md");
export const SEED_EN = path.join(ROOT, "data/sources/containers-vs-pods.en.md");
export const VM_RU = path.join(FIXTURES, "vm-container-pod.ru.md");
export const PROCESS_EN = path.join(FIXTURES, "process-vs-thread.en.md");
export const MALFORMED = path.join(FIXTURES, "malformed");

export function loadDeck(file: string): BuiltDeck {
  const source = readDeckSource(file);
  return buildDeck(source.markdown, deckOptionsOf(source));
}

/** The seed without its forms sidecar: Russian with nominative-only templates. */
export function loadSeedWithoutForms(): BuiltDeck {
  const source = readDeckSource(SEED_RU);
  return buildDeck(source.markdown, { documentId: source.documentId });
}
