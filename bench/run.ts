/**
 * `npm run bench [-- --check] [-- --quick]`: measures against a production build on a throw-away
 * database and writes bench/results/latest.json and latest.md. `--check` exits 1 when a budget
 * (docs/PERFORMANCE.md) is missed. Not part of `npm test`.
 */
import fs from "node:fs";
import path from "node:path";
import { BENCH_SECRET, rssMegabytes, startBenchServer } from "./bench-server";

process.env.AUTH_SECRET = BENCH_SECRET;
const root = path.resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const quick = process.argv.includes("--quick");

interface Budget {
  name: string;
  actual: number;
  limit: number;
  unit: string;
  /** "max": actual must stay at or below the limit; "min": at or above. */
  kind: "max" | "min";
}

async function main() {
  const { benchDeckGeneration } = await import("./deck-generation");
  const { benchStudy } = await import("./study-load");
  const { benchStats } = await import("./stats-load");

  console.log("bench: deck generation…");
  const deck = await benchDeckGeneration();

  console.log("bench: starting the production server…");
  const server = await startBenchServer(root, Number(process.env.BENCH_PORT ?? 3200));
  try {
    console.log("bench: study routes at 1, 50, 200 concurrent learners…");
    const study = await benchStudy({
      url: server.url,
      databaseFile: server.databaseFile,
      deckId: "containers-vs-pods.ru",
      learners: 1000,
      durationSeconds: quick ? 3 : 8,
      levels: [1, 50, 200],
    });
    console.log("bench: /stats for a learner with 100,000 review logs…");
    const stats = await benchStats({ url: server.url, databaseFile: server.databaseFile });
    const rss = rssMegabytes(server.pid);

    const at50 = study.find((r) => r.connections === 50);
    const budgets: Budget[] = [
      {
        name: "submit p95 @50",
        actual: at50?.submit.p95 ?? Infinity,
        limit: 20,
        unit: "ms",
        kind: "max",
      },
      {
        name: "next-card p95 @50",
        actual: at50?.next.p95 ?? Infinity,
        limit: 10,
        unit: "ms",
        kind: "max",
      },
      {
        name: "submit throughput / baseline @50",
        actual: at50?.submitRatio ?? 0,
        limit: 0.5,
        unit: "×",
        kind: "min",
      },
      {
        name: "/stats p95 (100k review logs)",
        actual: stats.serverMs.p95,
        limit: 200,
        unit: "ms",
        kind: "max",
      },
      { name: "seed generation", actual: deck.seedMs, limit: 10, unit: "ms", kind: "max" },
      { name: "server RSS after load", actual: rss, limit: 300, unit: "MB", kind: "max" },
    ];
    const results = {
      measuredAt: new Date().toISOString(),
      deck,
      study,
      stats,
      rssMb: rss,
      budgets,
    };
    writeReport(results);

    const missed = budgets.filter((b) =>
      b.kind === "max" ? b.actual > b.limit : b.actual < b.limit,
    );
    for (const b of budgets) {
      const ok = !missed.includes(b);
      console.log(
        `${ok ? "ok  " : "MISS"} ${b.name}: ${b.actual} ${b.unit} (budget ${b.kind === "max" ? "≤" : "≥"} ${b.limit})`,
      );
    }
    if (check && missed.length > 0) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

function writeReport(results: {
  measuredAt: string;
  deck: Awaited<ReturnType<typeof import("./deck-generation").benchDeckGeneration>>;
  study: Awaited<ReturnType<typeof import("./study-load").benchStudy>>;
  stats: Awaited<ReturnType<typeof import("./stats-load").benchStats>>;
  rssMb: number;
  budgets: Budget[];
}) {
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  const lines = [
    `# Benchmark ${results.measuredAt}`,
    "",
    "## Study routes (production build, 1000 learners)",
    "",
    "| learners | route | req/s | p50 ms | p95 ms | p99 ms | errors | baseline req/s | baseline p95 | ratio |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...results.study.flatMap((r) => [
      `| ${r.connections} | submit-answer | ${r.submit.rps} | ${r.submit.p50} | ${r.submit.p95} | ${r.submit.p99} | ${r.submit.errors} | ${r.submitBaseline.rps} | ${r.submitBaseline.p95} | ${r.submitRatio} |`,
      `| ${r.connections} | next-card | ${r.next.rps} | ${r.next.p50} | ${r.next.p95} | ${r.next.p99} | ${r.next.errors} | ${r.nextBaseline.rps} | ${r.nextBaseline.p95} | ${r.nextRatio} |`,
    ]),
    "",
    "## /stats",
    "",
    `One learner with ${results.stats.reviewLogs} review logs over two years: p50 ${results.stats.serverMs.p50} ms, p95 ${results.stats.serverMs.p95} ms (${results.stats.requests} requests after warm-up).`,
    "",
    "## Deck generation",
    "",
    "```json",
    JSON.stringify(results.deck, null, 2),
    "```",
    "",
    `Server RSS after the load: ${results.rssMb} MB`,
    "",
    "## Budgets",
    "",
    ...results.budgets.map(
      (b) =>
        `- ${b.name}: ${b.actual} ${b.unit} (budget ${b.kind === "max" ? "≤" : "≥"} ${b.limit})`,
    ),
    "",
  ];
  fs.writeFileSync(path.join(dir, "latest.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}

await main();
