/**
 * `npm run reports [-- --deck <id>] [--json]`: open question reports, one line per reported
 * question (deck, question id, kind, prompt excerpt, reasons, count, latest comment).
 * `npm run reports -- --resolve <questionId>` marks that question's open reports resolved.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { excerpt, type ReportedQuestion } from "@/lib/core/reports/summarize-reports";
import { readEnv } from "@/lib/config/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { createDb } from "@/lib/server/db";
import { RecordIdSchema } from "@/lib/server/practice/schemas";
import { resolveQuestionReports } from "@/lib/server/reports/question-reports";
import { listOpenReports } from "@/lib/server/reports/report-queries";
import { checkDatabase, StartupError } from "@/lib/tooling/prepare-database";

const USAGE =
  "usage: npm run reports -- [--deck <id>] [--json]  |  npm run reports -- --resolve <questionId>";

const ArgsSchema = z.object({
  deck: RecordIdSchema.optional(),
  json: z.boolean().default(false),
  resolve: RecordIdSchema.optional(),
});

function fail(message: string, usage = true): never {
  console.error(`reports: ${message}${usage ? `\n${USAGE}` : ""}`);
  process.exit(1);
}

function formatText(questions: readonly ReportedQuestion[]): string {
  if (questions.length === 0) return "reports: no open reports\n";
  const lines: string[] = [];
  for (const deckId of new Set(questions.map((q) => q.deckId))) {
    const ofDeck = questions.filter((q) => q.deckId === deckId);
    const total = ofDeck.reduce((sum, q) => sum + q.count, 0);
    lines.push(`${deckId}: ${total} open report(s) on ${ofDeck.length} question(s)`);
    for (const q of ofDeck) {
      const reasons = q.reasons.map((r) => `${r.reason} ×${r.count}`).join(", ");
      lines.push(`  ${String(q.count).padStart(3)}  ${q.questionId}  [${q.kind}]  ${reasons}`);
      lines.push(`       ${excerpt(q.prompt, 80)}`);
      if (q.latestComment) lines.push(`       latest comment: ${excerpt(q.latestComment, 200)}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}

// `npm run reports | head` closes the pipe early: that is not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

let values: Record<string, string | boolean | undefined>;
try {
  values = parseArgs({
    options: {
      deck: { type: "string" },
      json: { type: "boolean" },
      resolve: { type: "string" },
    },
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const args = ArgsSchema.safeParse(values);
if (!args.success)
  fail(args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
if (args.data.resolve && (args.data.deck || args.data.json))
  fail("--resolve takes no other option");

try {
  const { database } = readEnv();
  await checkDatabase(database);
  // No migrations here: `prisma migrate deploy` fails while the app holds the database open.
  const db = createDb(database);
  if (args.data.resolve) {
    const count = await resolveQuestionReports(db, {
      questionId: args.data.resolve,
      now: new Date(),
    });
    console.log(`reports: resolved ${count} open report(s) of ${args.data.resolve}`);
  } else {
    const questions = await listOpenReports(db, { deckId: args.data.deck });
    process.stdout.write(
      args.data.json ? `${JSON.stringify({ questions }, null, 2)}\n` : formatText(questions),
    );
  }
  await db.$disconnect();
} catch (error) {
  if (error instanceof StartupError) fail(error.message, false);
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2021")
    fail("the database is not migrated yet; run npm run db:migrate (or npm start) first", false);
  throw error;
}
