/**
 * Deck generation speed: buildDeck on the seed (median of 50 runs after warm-up) and on
 * synthetic comparison documents about 50× and 100× its size, to show that generation grows
 * linearly (distractors, duplicates and term frequencies go through maps, never pairwise scans).
 * `npx tsx bench/deck-generation.ts` prints the figures; `npm run bench` includes them.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildDeck } from "../lib/core/deck/build-deck";
import { deckOptionsOf, readDeckSource } from "../lib/deck-files/read-deck-source";

const SEED = path.resolve(import.meta.dirname, "../data/sources/containers-vs-pods.ru.md");

const CONCEPTS = ["Container", "Pod", "Node", "Service", "Volume", "Secret", "Job", "Ingress"];

function statement(concept: string, aspect: number, kind: string): string {
  return `Each ${concept.toLowerCase()} handles \`${kind}-${aspect}\` on its own, while other parts of the cluster only observe the result through the Kubernetes API.`;
}

function renderSynthetic(aspects: number): string {
  const sections = CONCEPTS.map((concept) => {
    const facts = Array.from(
      { length: aspects },
      (_, aspect) => `- **Aspect ${aspect}:** ${statement(concept, aspect, "fact")}`,
    );
    return `### ${concept}:\n- **Definition:** A ${concept.toLowerCase()} is a Kubernetes building block.\n${facts.join("\n")}`;
  });
  // Sub-items are indented past the widest marker ("100. ") so they stay nested.
  const differences = Array.from({ length: aspects }, (_, aspect) => {
    const items = CONCEPTS.map(
      (concept) => `     - ${concept} — ${statement(concept, aspect, "diff")}`,
    );
    return `${aspect + 1}. **Difference ${aspect}:**\n${items.join("\n")}`;
  });
  return `# Synthetic comparison\n\n${sections.join("\n\n")}\n\n### Key differences:\n${differences.join("\n\n")}\n`;
}

/** An English comparison of eight concepts with as many aspects as it takes to reach `bytes`. */
export function createSyntheticDocument(bytes: number): string {
  const probe = 10;
  const perAspect = Buffer.byteLength(renderSynthetic(probe)) / probe;
  return renderSynthetic(Math.max(3, Math.round(bytes / perAspect)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function timeBuild(run: () => unknown, warmups: number, runs: number): number {
  for (let index = 0; index < warmups; index += 1) run();
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return median(times);
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export async function benchDeckGeneration(): Promise<{
  seedMs: number;
  seedBytes: number;
  seedQuestions: number;
  mediumMs: number;
  mediumBytes: number;
  largeMs: number;
  largeBytes: number;
  largeQuestions: number;
  /** largeMs / seedMs: about the size ratio when growth is linear. */
  largeFactor: number;
  /** largeBytes / seedBytes. */
  sizeFactor: number;
  /** (largeMs / mediumMs) / (largeBytes / mediumBytes): 1.0 is perfectly linear. */
  linearity: number;
  /** Cost per KB: flat when growth is linear (the synthetic text yields more questions per KB). */
  seedMsPerKb: number;
  mediumMsPerKb: number;
  largeMsPerKb: number;
}> {
  const source = readDeckSource(SEED);
  const options = deckOptionsOf(source);
  const seedBytes = Buffer.byteLength(source.markdown);
  const seedMs = timeBuild(() => buildDeck(source.markdown, options), 10, 50);
  const seedQuestions = buildDeck(source.markdown, options).questions.length;

  const medium = createSyntheticDocument(seedBytes * 50);
  const large = createSyntheticDocument(seedBytes * 100);
  const mediumMs = timeBuild(() => buildDeck(medium, { documentId: "synthetic-medium" }), 1, 5);
  const largeMs = timeBuild(() => buildDeck(large, { documentId: "synthetic-large" }), 1, 5);
  const mediumBytes = Buffer.byteLength(medium);
  const largeBytes = Buffer.byteLength(large);
  return {
    seedMs: round(seedMs),
    seedBytes,
    seedQuestions,
    mediumMs: round(mediumMs),
    mediumBytes,
    largeMs: round(largeMs),
    largeBytes,
    largeQuestions: buildDeck(large, { documentId: "synthetic-large" }).questions.length,
    largeFactor: round(largeMs / seedMs, 1),
    sizeFactor: round(largeBytes / seedBytes, 1),
    linearity: round(largeMs / mediumMs / (largeBytes / mediumBytes)),
    seedMsPerKb: round(seedMs / (seedBytes / 1024)),
    mediumMsPerKb: round(mediumMs / (mediumBytes / 1024)),
    largeMsPerKb: round(largeMs / (largeBytes / 1024)),
  };
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  console.log(JSON.stringify(await benchDeckGeneration(), null, 2));
}
