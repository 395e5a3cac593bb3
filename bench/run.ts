/**
 * `npm run bench [-- --check] [-- --quick] [-- --only=study,stats] [-- --db=postgres]`: measures against a
 * production build on a throw-away database seeded with 1,000 learners and 500,000 review logs,
 * and writes bench/results/latest.json and latest.md. `--check` exits 1 when a budget
 * (docs/PERFORMANCE.md) is missed; `--only` runs some parts (deck, pages, live, study, stats,
 * dashboard) and reports the others' budgets as not measured. `--db=postgres` adds the study
 * routes and the live game on PostgreSQL with one server alone, one behind HAProxy and two (bench/postgres-scaling.ts)
 * next to the same parts on SQLite. Not part of `npm test`.
 */
import fs from "node:fs";
import path from "node:path";
import { BENCH_SECRET, rssMegabytes, startBenchServer, type BenchServer } from "./bench-server";
import type { FirstLoadJs } from "./first-load-js";
import type { LiveBenchResult } from "./live-game-load";
import { type PostgresRun, postgresRunLabel } from "./postgres-scaling";
import type { StudyBenchRow } from "./study-load";

process.env.AUTH_SECRET = BENCH_SECRET;
const root = path.resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const quick = process.argv.includes("--quick");
const onPostgres = process.argv.includes("--db=postgres");

const PARTS = ["deck", "pages", "live", "study", "stats", "dashboard"] as const;
type Part = (typeof PARTS)[number];
const onlyArg = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const parts = new Set<Part>(
  onlyArg ? (onlyArg.split(",").filter((p) => PARTS.includes(p as Part)) as Part[]) : PARTS,
);
if (onlyArg && parts.size === 0) throw new Error(`bench: --only takes ${PARTS.join(",")}`);
// The dashboard's budget is a ratio to /stats in the same run.
if (parts.has("dashboard")) parts.add("stats");

const DECK_ID = "containers-vs-pods.ru";
const LEARNERS = 1000;
const REVIEW_LOGS = 500_000;
/** Every page a first-time visitor can open (a signed-in-only page redirects to /login). */
const GUEST_PAGES = [
  "/",
  "/study",
  "/study/settings",
  "/practice",
  "/practice/history",
  "/stats",
  "/interview",
  "/interview/history",
  "/decks",
  `/decks/${DECK_ID}`,
  "/live",
  "/join",
  "/login",
  "/register",
];
/** Pages only a signed-in teacher reaches, measured with the dashboard's teacher session. */
const TEACHER_PAGES = ["/account", "/classes", "/decks/new", "/live/new"];
/**
 * The bench measures latency and throughput at 50 and 200 connections that never pause: at 200
 * that is past what the default admission limits let wait (docs/decisions/004), and 503s would
 * replace the figures it tracks. Limits no load here reaches keep the gate from refusing.
 */
const NO_SHEDDING = {
  PODDECK_MAX_CONCURRENT: "100000",
  PODDECK_MAX_QUEUE: "100000",
  PODDECK_MAX_WAIT_MS: "600000",
};

interface Budget {
  name: string;
  /** null: not measured in this run (reported, never counted as a miss). */
  actual: number | null;
  limit: number;
  unit: string;
  /** "max": actual must stay at or below the limit; "min": at or above. */
  kind: "max" | "min";
}

const isMissed = (b: Budget) =>
  b.actual !== null && (b.kind === "max" ? b.actual > b.limit : b.actual < b.limit);

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

interface StatsFigures {
  /** p95 of full `GET /stats` requests, ms, for a learner with 1,000 and with 100,000 logs. */
  smallMs: number;
  largeMs: number;
}

/** /stats server time for a learner with 1,000 and one with 100,000 review logs, same run. */
async function measureStatsServerTime(server: BenchServer): Promise<StatsFigures> {
  const { benchStats } = await import("./stats-load");
  const at = async (reviewLogs: number) => {
    const stats = await benchStats({
      url: server.url,
      databaseFile: server.database,
      reviewLogs,
    });
    console.log(
      `bench: /stats with ${reviewLogs} logs p50 ${stats.serverMs.p50} ms, p95 ${stats.serverMs.p95} ms`,
    );
    return stats.serverMs.p95;
  };
  const smallMs = await at(1_000);
  const largeMs = await at(100_000);
  return { smallMs, largeMs };
}

/**
 * The teacher's dashboard server time (p95) for a class of 200 students, 20 assignments and
 * 300,000 review logs, in the same run as /stats, printed next to it.
 */
async function measureDashboard(server: BenchServer, statsMs: number) {
  const { benchClassDashboard } = await import("./class-dashboard-load");
  const dashboard = await benchClassDashboard({
    url: server.url,
    databaseFile: server.database,
    deckId: DECK_ID,
  });
  console.log(
    `bench: class dashboard (${dashboard.students} students, ${dashboard.assignments} assignments, ` +
      `${dashboard.reviewLogs} review logs) p50 ${dashboard.serverMs.p50} ms, ` +
      `p95 ${dashboard.serverMs.p95} ms; /stats p95 ${statsMs} ms`,
  );
  return dashboard;
}

/**
 * One live game of 2,000 players (200 with --quick) on a server of its own with the default
 * admission limits, as deployed: load shedding is part of what the players live with.
 */
async function measureLiveGame(): Promise<LiveBenchResult> {
  const { benchLiveGame } = await import("./live-game-load");
  const players = quick ? 200 : 2000;
  console.log(`bench: a live game with ${players} players…`);
  const server = await startBenchServer(root, Number(process.env.BENCH_PORT ?? 3200) + 1);
  try {
    return await benchLiveGame({
      url: server.url,
      databaseFile: server.database,
      serverPid: server.pid,
      deckId: DECK_ID,
      players,
      rejoiners: players / 10,
    });
  } finally {
    await server.stop();
  }
}

type DeckFigures = Awaited<ReturnType<typeof import("./deck-generation").benchDeckGeneration>>;

interface Results {
  measuredAt: string;
  quick: boolean;
  parts: Part[];
  seed: { learners: number; reviewLogs: number; cardsPerLearner: number; seconds: number } | null;
  deck: DeckFigures | null;
  study: StudyBenchRow[];
  firstLoadJs: { minimalPage: FirstLoadJs; pages: FirstLoadJs[] } | null;
  stats: StatsFigures | null;
  dashboardServerMs: number | null;
  rssMb: number | null;
  live: LiveBenchResult | null;
  postgres: PostgresRun[] | null;
  budgets: Budget[];
}

/** Issue 18's budgets: every speed figure a ratio to a baseline measured in the same run. */
function studyBudgets(study: StudyBenchRow[]): Budget[] {
  const at = (connections: number) => study.find((r) => r.connections === connections);
  const at50 = at(50);
  const budgets: Budget[] = [];
  for (const route of ["submit", "next"] as const) {
    const label = route === "submit" ? "submit-answer" : "next-card";
    const row = at50?.[route];
    const base = at50?.[route === "submit" ? "submitBaseline" : "nextBaseline"];
    budgets.push(
      {
        name: `${label} CPU per request / baseline's @50`,
        actual: row && base ? ratio(row.cpuMsPerRequest, base.cpuMsPerRequest) : null,
        limit: 2,
        unit: "×",
        kind: "max",
      },
      {
        name: `${label} throughput / baseline's @50`,
        actual: row && base ? ratio(row.rps, base.rps) : null,
        limit: 0.5,
        unit: "×",
        kind: "min",
      },
      {
        name: `${label} p95 / baseline's p95 @50`,
        actual: row && base ? ratio(row.p95, base.p95) : null,
        limit: 2,
        unit: "×",
        kind: "max",
      },
    );
    for (const connections of [50, 200]) {
      const r = at(connections)?.[route];
      budgets.push({
        name: `${label} p99 / p95 @${connections} (no cliff)`,
        actual: r ? ratio(r.p99, r.p95) : null,
        limit: 3,
        unit: "×",
        kind: "max",
      });
    }
  }
  return budgets;
}

function otherBudgets(r: Results): Budget[] {
  const { live, deck, stats } = r;
  const minimal = r.firstLoadJs?.minimalPage.gzipKb ?? 0;
  const heaviest = r.firstLoadJs?.pages.reduce<FirstLoadJs | null>(
    (max, p) => (max === null || p.gzipKb > max.gzipKb ? p : max),
    null,
  );
  return [
    {
      name: `heaviest page's first-load JS over the minimal page${heaviest ? ` (${heaviest.page})` : ""}`,
      actual: heaviest ? Math.round((heaviest.gzipKb - minimal) * 10) / 10 : null,
      limit: 30,
      unit: "KB gzip",
      kind: "max",
    },
    {
      name: "seed deck generation (median)",
      actual: deck?.seedMs ?? null,
      limit: 10,
      unit: "ms",
      kind: "max",
    },
    {
      name: "deck generation cost per KB at 100× / the seed's",
      actual: deck ? ratio(deck.largeMsPerKb, deck.seedMsPerKb) : null,
      limit: 1.2,
      unit: "×",
      kind: "max",
    },
    {
      name: "/stats p95, 100,000 logs",
      actual: stats?.largeMs ?? null,
      limit: 200,
      unit: "ms",
      kind: "max",
    },
    {
      name: "/stats p95, 100,000 logs / 1,000 logs",
      actual: stats ? ratio(stats.largeMs, stats.smallMs) : null,
      limit: 1.5,
      unit: "×",
      kind: "max",
    },
    {
      name: "class dashboard p95 / /stats p95 (100,000 logs, same run)",
      actual:
        stats && r.dashboardServerMs !== null ? ratio(r.dashboardServerMs, stats.largeMs) : null,
      limit: 2,
      unit: "×",
      kind: "max",
    },
    {
      name: "server RSS after the study load",
      actual: r.rssMb,
      limit: 300,
      unit: "MB",
      kind: "max",
    },
    {
      name: "live: all players joined",
      actual: live?.joinSeconds ?? null,
      limit: 60,
      unit: "s",
      kind: "max",
    },
    {
      name: "live: question start within 1 s",
      actual: live?.startWithin1s ?? null,
      limit: 0.99,
      unit: "of players",
      kind: "min",
    },
    {
      name: "live: answer ack p95",
      actual: live?.ackMs.p95 ?? null,
      limit: 500,
      unit: "ms",
      kind: "max",
    },
    {
      name: "live: acknowledged answers lost or duplicated",
      actual: live ? live.answersLost + live.answersDuplicated : null,
      limit: 0,
      unit: "answers",
      kind: "max",
    },
    {
      name: "live: results within 1 s after the deadline",
      actual: live?.resultsWithin1s ?? null,
      limit: 1,
      unit: "of players",
      kind: "min",
    },
    {
      name: "live: rejoined players who kept score and streak",
      actual: !live || live.rejoined === 0 ? null : live.rejoinKeptScore / live.rejoined,
      limit: 1,
      unit: "of rejoined",
      kind: "min",
    },
  ];
}

async function main() {
  const results: Results = {
    measuredAt: new Date().toISOString(),
    quick,
    parts: [...parts],
    seed: null,
    deck: null,
    study: [],
    firstLoadJs: null,
    stats: null,
    dashboardServerMs: null,
    rssMb: null,
    live: null,
    postgres: null,
    budgets: [],
  };

  if (parts.has("deck")) {
    console.log("bench: deck generation…");
    const { benchDeckGeneration } = await import("./deck-generation");
    results.deck = await benchDeckGeneration();
  }
  let minimalPage: FirstLoadJs | null = null;
  if (parts.has("pages")) {
    console.log("bench: minimal Next.js page (build)…");
    const { measureMinimalPage } = await import("./first-load-js");
    minimalPage = await measureMinimalPage(root);
  }
  if (parts.has("live")) results.live = await measureLiveGame();

  const needsServer = ["pages", "study", "stats", "dashboard"].some((p) => parts.has(p as Part));
  if (needsServer) {
    console.log("bench: starting the production server…");
    const server = await startBenchServer(
      root,
      Number(process.env.BENCH_PORT ?? 3200),
      NO_SHEDDING,
    );
    try {
      if (parts.has("study")) {
        const { benchStudy } = await import("./study-load");
        const { seedStudyLoad } = await import("./seed-load");
        console.log(`bench: seeding ${LEARNERS} learners and ${REVIEW_LOGS} review logs…`);
        const load = await seedStudyLoad({
          database: server.database,
          deckId: DECK_ID,
          learners: LEARNERS,
          reviewLogs: REVIEW_LOGS,
          now: new Date(),
        });
        results.seed = {
          learners: load.learnerIds.length,
          reviewLogs: load.reviewLogs,
          cardsPerLearner: load.cardsPerLearner,
          seconds: load.seedSeconds,
        };
        console.log("bench: study routes at 1, 50, 200 concurrent learners…");
        results.study = await benchStudy({
          url: server.url,
          cpuMs: server.cpuMs,
          load,
          deckId: DECK_ID,
          durationSeconds: quick ? 3 : 8,
          levels: [1, 50, 200],
        });
        results.rssMb = rssMegabytes(server.pid);
      }
      if (parts.has("stats")) results.stats = await measureStatsServerTime(server);
      let teacher: { classPath: string; headers: Record<string, string> } | null = null;
      if (parts.has("dashboard") && results.stats) {
        const dashboard = await measureDashboard(server, results.stats.largeMs);
        results.dashboardServerMs = dashboard.serverMs.p95;
        teacher = { classPath: dashboard.classPath, headers: dashboard.teacherHeaders };
      }
      if (minimalPage) {
        console.log("bench: first-load JavaScript of the pages…");
        const { measureServedPages } = await import("./first-load-js");
        const pages = await measureServedPages(server.url, GUEST_PAGES);
        if (teacher) {
          pages.push(
            ...(await measureServedPages(
              server.url,
              [...TEACHER_PAGES, teacher.classPath],
              teacher.headers,
            )),
          );
        }
        results.firstLoadJs = { minimalPage, pages };
      }
    } finally {
      await server.stop();
    }
  }

  if (onPostgres && (parts.has("study") || parts.has("live"))) {
    const { benchOnPostgres } = await import("./postgres-scaling");
    results.postgres = await benchOnPostgres({
      root,
      port: Number(process.env.BENCH_PORT ?? 3200) + 2,
      deckId: DECK_ID,
      learners: LEARNERS,
      reviewLogs: REVIEW_LOGS,
      durationSeconds: quick ? 3 : 8,
      levels: parts.has("study") ? [1, 50, 200] : [],
      livePlayers: parts.has("live") ? (quick ? 200 : 2000) : null,
      studyEnv: NO_SHEDDING,
    });
  }

  results.budgets = [...studyBudgets(results.study), ...otherBudgets(results)];
  writeReport(results);
  for (const b of results.budgets) {
    const status = b.actual === null ? "----" : isMissed(b) ? "MISS" : "ok  ";
    console.log(
      `${status} ${b.name}: ${b.actual ?? "not measured"} ${b.unit} (budget ${b.kind === "max" ? "≤" : "≥"} ${b.limit})`,
    );
  }
  if (check && results.budgets.some(isMissed)) process.exitCode = 1;
}

function liveReport(live: LiveBenchResult): string[] {
  return [
    `## Live game, ${live.players} players (default admission limits)`,
    "",
    "| figure | value |",
    "| --- | --- |",
    `| joined, each holding an event stream | ${live.joinedPlayers} in ${live.joinSeconds} s |`,
    `| "start" to the question on each phone | p50 ${live.startMs.p50} ms, p99 ${live.startMs.p99} ms, max ${live.startMs.max} ms; ${live.startWithin1s * 100} % within 1 s |`,
    `| answers sent / acknowledged / stored | ${live.answersSent} / ${live.answersAcknowledged} / ${live.answersStored} (lost ${live.answersLost}, duplicated ${live.answersDuplicated}) |`,
    `| acknowledgement | p50 ${live.ackMs.p50} ms, p95 ${live.ackMs.p95} ms, max ${live.ackMs.max} ms |`,
    `| deadline to the result on each phone | p50 ${live.resultsMs.p50} ms, p99 ${live.resultsMs.p99} ms, max ${live.resultsMs.max} ms; ${live.resultsWithin1s * 100} % within 1 s |`,
    `| dropped mid-question and came back with score and streak | ${live.rejoinKeptScore} of ${live.rejoined} |`,
    `| server RSS at the end | ${live.serverRssMb} MB |`,
  ];
}

/** Each PostgreSQL figure next to SQLite's of the same run (one server, no HAProxy). */
function postgresReport({ postgres, study, live }: Results): string[] {
  const runs = postgres ?? [];
  const studyRow = (label: string, rows: StudyBenchRow[]) =>
    rows.flatMap((r) =>
      (["submit", "next"] as const).map((route) => {
        const x = r[route];
        const base = r[route === "submit" ? "submitBaseline" : "nextBaseline"];
        return `| ${label} | ${r.connections} | ${x.name} | ${x.rps} | ${x.p50} | ${x.p95} | ${x.p99} | ${x.cpuMsPerRequest} | ${x.databaseCpuMsPerRequest ?? "—"} | ${x.errors} | ${base.rps} | ${base.cpuMsPerRequest} |`;
      }),
    );
  const liveRow = (label: string, l: LiveBenchResult | null) =>
    l
      ? `| ${label} | ${l.joinedPlayers} in ${l.joinSeconds} s | ${l.startMs.p99} ms, ${l.startWithin1s * 100} % | ${l.ackMs.p95} ms | ${l.answersLost} / ${l.answersDuplicated} | ${l.resultsMs.p99} ms, ${l.resultsWithin1s * 100} % | ${l.rejoinKeptScore} of ${l.rejoined} |`
      : `| ${label} | not measured | | | | | |`;
  return [
    "## PostgreSQL with one and two instances, next to SQLite",
    "",
    "Fresh database per row in a throw-away cluster (fsync on, commits not waited for); one server",
    "alone, then one and two behind HAProxy (`npm run start:cluster`). CPU ms/req counts every serving",
    "process: the servers, HAProxy and PostgreSQL's backends.",
    "",
    "| database | learners | route | req/s | p50 ms | p95 ms | p99 ms | CPU ms/req | of it PostgreSQL | errors | baseline req/s | baseline CPU ms/req |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...studyRow("SQLite, 1 server", study),
    ...runs.flatMap((run) => studyRow(postgresRunLabel(run), run.study)),
    "",
    "| live game | joined | question start p99, within 1 s | ack p95 | lost / duplicated | results p99, within 1 s | rejoined kept score |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    liveRow("SQLite, 1 server", live),
    ...runs.map((run) => liveRow(postgresRunLabel(run), run.live)),
  ];
}

function writeReport(results: Results) {
  const dir = path.join(root, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  const { seed, deck, firstLoadJs, stats, live } = results;
  const lines = [
    `# Benchmark ${results.measuredAt}${results.quick ? " (quick)" : ""}: ${results.parts.join(", ")}`,
    "",
  ];
  if (seed) {
    lines.push(
      `Production build; throw-away database seeded in ${seed.seconds} s with ${seed.learners} learners, ` +
        `${seed.reviewLogs} review logs and ${seed.cardsPerLearner} cards per learner.`,
      "",
      "## Study routes next to their bare baselines",
      "",
      "Baseline: a route handler doing one prepared better-sqlite3 insert (for submit-answer) or one",
      "indexed select (for next-card), served by the same server in the same run.",
      "",
      "| learners | route | req/s | p50 ms | p95 ms | p99 ms | CPU ms/req | errors | baseline req/s | baseline p95 ms | baseline p99 ms | baseline CPU ms/req | throughput ratio |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...results.study.flatMap((r) => [
        `| ${r.connections} | submit-answer | ${r.submit.rps} | ${r.submit.p50} | ${r.submit.p95} | ${r.submit.p99} | ${r.submit.cpuMsPerRequest} | ${r.submit.errors} | ${r.submitBaseline.rps} | ${r.submitBaseline.p95} | ${r.submitBaseline.p99} | ${r.submitBaseline.cpuMsPerRequest} | ${r.submitRatio} |`,
        `| ${r.connections} | next-card | ${r.next.rps} | ${r.next.p50} | ${r.next.p95} | ${r.next.p99} | ${r.next.cpuMsPerRequest} | ${r.next.errors} | ${r.nextBaseline.rps} | ${r.nextBaseline.p95} | ${r.nextBaseline.p99} | ${r.nextBaseline.cpuMsPerRequest} | ${r.nextRatio} |`,
      ]),
      "",
      `Server RSS after the study load: ${results.rssMb} MB`,
      "",
    );
  }
  if (firstLoadJs) {
    const { minimalPage, pages } = firstLoadJs;
    lines.push(
      "## First-load JavaScript next to a minimal Next.js page built in the same run",
      "",
      "| page | scripts | raw KB | gzip KB | gzip KB over minimal |",
      "| --- | --- | --- | --- | --- |",
      `| ${minimalPage.page} | ${minimalPage.scripts} | ${minimalPage.rawKb} | ${minimalPage.gzipKb} | — |`,
      ...pages.map(
        (p) =>
          `| ${p.page} | ${p.scripts} | ${p.rawKb} | ${p.gzipKb} | ${Math.round((p.gzipKb - minimalPage.gzipKb) * 10) / 10} |`,
      ),
      "",
    );
  }
  if (deck) {
    lines.push(
      "## Deck generation",
      "",
      "| document | size | questions | ms |",
      "| --- | --- | --- | --- |",
      `| seed | ${deck.seedBytes} B | ${deck.seedQuestions} | ${deck.seedMs} |`,
      `| synthetic 50× | ${deck.mediumBytes} B | — | ${deck.mediumMs} |`,
      `| synthetic 100× | ${deck.largeBytes} B | ${deck.largeQuestions} | ${deck.largeMs} |`,
      "",
      `Cost per KB: seed ${deck.seedMsPerKb} ms, 50× ${deck.mediumMsPerKb} ms, 100× ${deck.largeMsPerKb} ms ` +
        `(100× over the seed: ${ratio(deck.largeMsPerKb, deck.seedMsPerKb)}).`,
      "",
    );
  }
  if (stats) {
    lines.push(
      `/stats server time (p95): ${stats.smallMs} ms with 1,000 review logs, ${stats.largeMs} ms ` +
        `with 100,000 (${ratio(stats.largeMs, stats.smallMs)}×)`,
      "",
    );
  }
  if (stats && results.dashboardServerMs !== null) {
    lines.push(
      `Class dashboard server time: ${results.dashboardServerMs} ms (p95; 200 students, ` +
        `20 assignments, 300,000 review logs), ${ratio(results.dashboardServerMs, stats.largeMs)}× /stats`,
      "",
    );
  }
  if (live) lines.push(...liveReport(live), "");
  if (results.postgres) lines.push(...postgresReport(results), "");
  lines.push(
    "## Budgets",
    "",
    ...results.budgets.map(
      (b) =>
        `- ${b.actual === null ? "not measured" : isMissed(b) ? "**MISS**" : "ok"}: ${b.name}: ` +
        `${b.actual ?? "—"} ${b.unit} (budget ${b.kind === "max" ? "≤" : "≥"} ${b.limit})`,
    ),
    "",
  );
  fs.writeFileSync(path.join(dir, "latest.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}

await main();
