/**
 * `npm run deck -- <file.md> [--json]`: builds the deck of one comparison document and prints a
 * summary, or with --json `{ "deck": summary, "questions": [...] }`. A document that does not
 * fit prints `error: …` lines (what is missing, where) and exits 1; never a stack trace.
 */
import {
  buildDeck,
  DocumentError,
  formatDocumentIssue,
  previewDeck,
  type DeckPreview,
} from "@/lib/core/deck";
import { deckOptionsOf, readDeckSource } from "@/lib/deck-files/read-deck-source";

const USAGE = "usage: npm run deck -- <file.md> [--json]";

function fail(lines: readonly string[]): never {
  for (const line of lines) process.stderr.write(`error: ${line}\n`);
  process.exit(1);
}

function formatDropped(dropped: DeckPreview["dropped"]): string[] {
  return [
    `dropped by the quality gate: ${dropped.total}`,
    ...dropped.byRule.map(({ rule, count, description }) => `  ${rule} (${count}): ${description}`),
  ];
}

function formatSummary({ summary, total, dropped }: DeckPreview): string {
  const width = Math.max(...Object.keys(summary.countsByKind).map((kind) => kind.length), 5);
  const lines = [
    `title:     ${summary.title}`,
    `id:        ${summary.id}`,
    `language:  ${summary.language}`,
    `concepts:  ${summary.concepts.map((concept) => `${concept.name} (${concept.key})`).join(", ")}`,
    `aspects:   ${summary.aspects.map((aspect) => `${aspect.title} (${aspect.key})`).join(", ")}`,
    "questions:",
    ...Object.entries(summary.countsByKind).map(
      ([kind, count]) => `  ${kind.padEnd(width)}  ${String(count).padStart(4)}`,
    ),
    `  ${"total".padEnd(width)}  ${String(total).padStart(4)}`,
    ...formatDropped(dropped),
  ];
  return `${lines.join("\n")}\n`;
}

function main(args: readonly string[]): void {
  const json = args.includes("--json");
  const unknown = args.filter((arg) => arg.startsWith("-") && arg !== "--json");
  const files = args.filter((arg) => !arg.startsWith("-"));
  if (unknown.length > 0) fail([`unknown option ${unknown.join(", ")}`, USAGE]);
  const file = files[0];
  if (files.length !== 1 || file === undefined) fail([USAGE]);
  try {
    const source = readDeckSource(file);
    if (json) {
      const deck = buildDeck(source.markdown, deckOptionsOf(source));
      const output = { deck: deck.summary, questions: deck.questions, dropped: deck.dropped };
      process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
      return;
    }
    const result = previewDeck(source.markdown, deckOptionsOf(source));
    if (!result.ok) fail(result.issues.map(formatDocumentIssue));
    process.stdout.write(formatSummary(result.preview));
  } catch (error) {
    if (error instanceof DocumentError) fail(error.issues.map(formatDocumentIssue));
    fail([`unexpected failure: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

// `npm run deck -- x.md --json | head` closes the pipe early: that is not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
main(process.argv.slice(2));
