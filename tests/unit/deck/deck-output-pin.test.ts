import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDeck, type BuiltDeck } from "@/lib/core/deck";
import { deckOptionsOf, readDeckSource } from "@/lib/deck-files/read-deck-source";
import { createSyntheticDocument } from "@/bench/deck-generation";
import { FIXTURES, ROOT, SEED_RU, loadSeedWithoutForms } from "./deck-fixtures";

/**
 * The decks of every document we have, pinned byte for byte (a digest of `npm run deck -- FILE
 * --json`): the question review (docs/QUESTION-QUALITY.md) holds only for these exact decks, so
 * a change meant only to make generation faster must leave every digest as it is. A change that
 * means to alter questions updates the digests in the same commit as the new review.
 */
const PINNED: Record<string, string> = {
  "data/sources/containers-vs-pods.en.md":
    "21431c69940bff1ac52d96c1a471888c8873d03717bc7db36b02c35facbc9869",
  "data/sources/containers-vs-pods.ru.md":
    "cc162c359f4a4954a0db93ef893f43becd06f06c9b653dcec3335f4971b9ad9a",
  "data/sources/containers-vs-pods.ru.md without forms":
    "f497f8ecbb950a55043949e7de9fec85e97e1c30925154113f77b19980b53eec",
  "synthetic 25 KB": "5dec1f65d541ba0c3e266073f865a693f2cc428cdb1aeb9b418749220621b155",
  "tests/fixtures/documents/configmap-vs-secret.ru.md":
    "0705f4f1ced442e62e7896095b10acae5ea2f2d06bb86796d67e582a18f6d53a",
  "tests/fixtures/documents/deployment-vs-statefulset.en.md":
    "4072f4b171e5554e9cd1987f9868dd85f5492dd4e527bf9ff00e78bd09b92112",
  "tests/fixtures/documents/persistent-volume-vs-claim.ru.md":
    "c61fa6285ee9d8ebc9bd24b30d1d3b48af66ffdd81d79d5221a3672dc45705c0",
  "tests/fixtures/documents/process-vs-container.ru.md":
    "379bcda50b065fe0b2b0d926ae10f42582437c0b48ed85f9a4399a9459781a30",
  "tests/fixtures/documents/process-vs-thread.en.md":
    "ae280c8277f7f16c6a878c628881ef5a7ae1de89268b6aa8f6bfe08898fe3b55",
  "tests/fixtures/documents/service-vs-ingress.en.md":
    "b89aa2639f678f70fabb106bd0c1c7070a46407a6a88c78d30678480211ce6ca",
  "tests/fixtures/documents/vm-container-pod.ru.md":
    "034ace9ee53a9ce81e21aaa38941e05571508a48bd0cd85d961e4de767342e78",
  "tests/fixtures/documents/vm-vs-container.en.md":
    "afd759894133040773d6b130385d4449b586719fbec5b6b9dfb92e19c2acf3c4",
  "tests/fixtures/documents/vm-vs-containers-no-forms.ru.md":
    "742fabe6b85d268357a618e4cf05547ba9227111a44b43d454f13b2610d916f7",
};

function digest(deck: BuiltDeck): string {
  const output = { deck: deck.summary, questions: deck.questions, dropped: deck.dropped };
  return createHash("sha256")
    .update(`${JSON.stringify(output, null, 2)}\n`)
    .digest("hex");
}

const DOCUMENT_DIRECTORIES = [path.join(ROOT, "data/sources"), FIXTURES];

function documentFiles(): string[] {
  return DOCUMENT_DIRECTORIES.flatMap((directory) =>
    fs
      .readdirSync(directory)
      .filter((name) => name.endsWith(".md"))
      .map((name) => path.join(directory, name)),
  );
}

function currentDigests(): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const file of documentFiles()) {
    const source = readDeckSource(file);
    digests[path.relative(ROOT, file)] = digest(buildDeck(source.markdown, deckOptionsOf(source)));
  }
  digests[`${path.relative(ROOT, SEED_RU)} without forms`] = digest(loadSeedWithoutForms());
  // The benchmark's document: eight concepts over many aspects, the shape that made generation
  // quadratic (docs/PERFORMANCE.md).
  const synthetic = createSyntheticDocument(25_000);
  digests["synthetic 25 KB"] = digest(buildDeck(synthetic, { documentId: "synthetic" }));
  return digests;
}

describe("generated decks", () => {
  it("are byte for byte the decks reviewed, for every document", () => {
    expect(currentDigests()).toEqual(PINNED);
  });
});
