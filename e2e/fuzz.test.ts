import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import fc from "fast-check";
import { newEmail, register, signIn } from "./account-helpers";
import { becomeTeacher, createClass, type CreatedClass } from "./class-helpers";
import { expect, test } from "./fixtures";
import { pagesInCode, routeHandlersInCode, serverActionsInCode } from "./routes";
import { readValues } from "./test-database";

/*
 * Every route handler, server action and page in the code (e2e/routes.ts, the list the
 * authorization table is checked against) gets generated requests: wrong JSON types, huge numbers,
 * unicode, deep nesting, missing and extra fields, bodies under and over the caps, wrong methods,
 * bad ids in the path, broken cookies and odd headers, as a stranger, a guest and a signed-in
 * learner. No answer may be a 5xx or show a stack trace or a server path, no request may hang,
 * and the server must still serve a study session after each target.
 *
 * A new route is fuzzed without a change here; a body template below only takes the generated
 * bodies of a route deeper than its schema's first check. Every failure prints the seed:
 * `FUZZ_SEED=<seed> npx playwright test e2e/fuzz.test.ts` replays the run.
 */

/** Drawn once per run by playwright.config.ts, so a retry sends the same requests. */
const SEED = Number(process.env.FUZZ_SEED);
if (!Number.isSafeInteger(SEED)) throw new Error(`FUZZ_SEED must be an integer, not ${SEED}`);
/**
 * Requests per route (80, and 40 more per other method it exports), per server action and per
 * page (pages render slowly, and the actions and routes behind them are fuzzed on their own).
 * Fewer than the 200/100 of the first runs: the whole CI run must stay within 30 minutes (at
 * 120/60/60/20 this file took 5.7 of its 25.6). Each run draws a new seed, so coverage adds up.
 */
const RUNS = { route: 80, method: 40, action: 40, page: 12 };
const DECKS = ["containers-vs-pods.ru", "containers-vs-pods.en"];
/** No generated value names the fuzz learners' password: no form can change it or sign in. */
const OTHER_PASSWORD = "another long passphrase";
const WRONG_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"];

// One worker runs the file in order, so the count afterAll prints is the whole run's.
test.describe.configure({ mode: "default" });

/* ---------- what the requests are sent as and with ---------- */

interface World {
  base: string;
  /** Cookie headers of a signed-in learner and of a guest. */
  learnerCookie: string;
  guestCookie: string;
  guestId: string;
  /** Real values for each dynamic path segment, by its name, next to the generated bad ones. */
  params: Record<string, string[]>;
  questionIds: string[];
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

let world: World;
let sent = 0;

/** The current target's answers by status class, and its slowest request: the run reports them. */
let answers: Record<string, number> = {};
let slowest = { ms: 0, request: "" };

async function send(request: FuzzRequest) {
  sent++;
  const start = performance.now();
  const withBody = request.body !== undefined && !["GET", "HEAD"].includes(request.method);
  const response = await fetch(new URL(request.path, world.base), {
    method: request.method,
    headers: request.headers,
    body: withBody ? (request.body as BodyInit) : undefined,
    redirect: "manual",
    // A hang fails the run rather than waiting for the test's timeout.
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  const ms = performance.now() - start;
  const shed = isShed(response.status, response.headers, text);
  const statusClass = shed ? "503 shed" : `${String(response.status)[0]}xx`;
  answers[statusClass] = (answers[statusClass] ?? 0) + 1;
  if (ms > slowest.ms) slowest = { ms, request: `${request.method} ${request.path.slice(0, 100)}` };
  return {
    status: response.status,
    text,
    shed,
    retryAfter: Number(response.headers.get("retry-after")),
  };
}

/**
 * The admission gate's answer when the server is saturated (README, Overload): a 503 with
 * Retry-After, the request never started. Load shedding, not a failure of the route.
 */
function isShed(status: number, headers: Headers, text: string): boolean {
  return (
    status === 503 &&
    headers.has("retry-after") &&
    (text.includes('"error":"overloaded"') || text.includes("Сервер перегружен"))
  );
}

/** Sends again, after the wait the server asked for, a request it shed while saturated. */
async function sendUnshed(request: FuzzRequest) {
  const first = await send(request);
  if (!first.shed) return first;
  await new Promise((resolve) => setTimeout(resolve, first.retryAfter * 1000));
  return send(request);
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What a body must never show: how the server is built, or where it runs. */
const LEAKS: [string, RegExp][] = [
  ["a stack frame", /\n\s*at \S+.*[:(]/],
  ["a source location", /\.(?:[cm]?js|tsx?):\d+(?::\d+)?\b/],
  ["node_modules", /node_modules/],
  ["the build folder", /\.next\/server/],
  ["a Prisma error", /prisma/i],
  ["an SQLite error", /SQLITE_|sqlite3/i],
  ["an exception's name", /\b(?:Type|Range|Syntax|Reference|URI|Eval)Error\b/],
  ["the project's folder", new RegExp(escapeRegExp(process.cwd()))],
];

/** A long string as its start and its length. */
function shortened(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? ""
      : typeof request.body === "string"
        ? JSON.stringify(shortened(request.body))
        : `<${request.body.byteLength} bytes>`;
  return `${request.method} ${shortened(request.path)} ${shortened(JSON.stringify(request.headers), 2000)} ${body}`;
}

/** Keeps counterexamples readable: a 70 KB body prints as its start and its length. */
function printable(request: FuzzRequest): FuzzRequest {
  return Object.defineProperty(request, fc.toStringMethod, {
    value: () => describeRequest(request),
    enumerable: false,
  });
}

async function expectSafeAnswer(request: FuzzRequest) {
  const { status, text, shed } = await sendUnshed(request);
  if (shed) return;
  const excerpt = text.slice(0, 400);
  expect(status, `5xx for ${describeRequest(request)}\n${excerpt}`).toBeLessThan(500);
  for (const [what, pattern] of LEAKS) {
    const leak = pattern.exec(text);
    expect(
      leak,
      `${what} in the answer (${status}) to ${describeRequest(request)}: …${text.slice(
        Math.max(0, (leak?.index ?? 0) - 100),
        (leak?.index ?? 0) + 200,
      )}…`,
    ).toBeNull();
  }
}

/** The run's seed mixed with the test's title: targets of the same shape get other values. */
function targetSeed(): number {
  let hash = SEED;
  for (const c of test.info().title) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) | 0;
  return hash;
}

/** Requests sent at once: the server is fuzzed under some concurrency, and the run goes faster. */
const BATCH = 4;

async function fuzz(arbitrary: fc.Arbitrary<FuzzRequest>, requests: number) {
  const before = sent;
  answers = {};
  slowest = { ms: 0, request: "" };
  const batch = fc.array(arbitrary.map(printable), { minLength: BATCH, maxLength: BATCH });
  try {
    await fc.assert(
      fc.asyncProperty(batch, async (batch) => {
        await Promise.all(batch.map(expectSafeAnswer));
      }),
      // No shrinking: each failure names its request, and shrinking a slow server's answers can
      // outlast the test's timeout, which would hide the failure.
      { seed: targetSeed(), numRuns: Math.ceil(requests / BATCH), endOnFailure: true },
    );
  } catch (error) {
    throw new Error(`fuzzing failed; FUZZ_SEED=${SEED} replays the run`, { cause: error });
  }
  await expectHealthy();
  const classes = Object.entries(answers)
    .sort()
    .map(([statusClass, n]) => `${statusClass} ${n}`)
    .join(", ");
  const summary = `${sent - before} requests (${classes}), the slowest ${Math.round(slowest.ms)} ms (${slowest.request})`;
  console.log(`${test.info().title}: ${summary}`);
}

/** The server still answers its probe, a signed-in learner's queue, and a visitor's answer. */
async function expectHealthy() {
  // A new address each time: guest creation is limited per address.
  const headers = { "x-forwarded-for": `fuzz-health-${sent}` };
  const health = await send({ method: "GET", path: "/api/health", headers });
  expect(health.status, health.text).toBe(200);
  const mine = await sendUnshed({
    method: "GET",
    path: `/api/study?deck=${DECKS[0]}`,
    headers: { ...headers, cookie: world.learnerCookie },
  });
  expect(mine.status, mine.text).toBe(200);
  const next = await sendUnshed({ method: "GET", path: `/api/study?deck=${DECKS[1]}`, headers });
  const { card } = JSON.parse(next.text) as {
    card: { question: { id: string }; cardVersion: number | null };
  };
  const answer = await sendUnshed({
    method: "POST",
    path: "/api/study/answers",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({
      clientAnswerId: crypto.randomUUID(),
      questionId: card.question.id,
      cardVersion: card.cardVersion,
      answer: { type: "reveal" },
      rating: 3,
      durationMs: 1000,
    }),
  });
  expect(answer.status, answer.text).toBe(201);
}

/* ---------- generated values ---------- */

/** A marker for raw JSON text (1e400, 20,000 nested arrays) that JSON.stringify cannot produce. */
const RAW = "\u0000raw:";
const raw = (text: string) => `${RAW}${text}`;

function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0000raw:((?:[^"\\]|\\.)*)"/g, (_, text: string) =>
    JSON.parse(`"${text}"`),
  );
}

const ascii = (maxLength = 60) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength,
  });

/** What a header value can hold: no control characters, Latin-1 at most. */
const headerText = fc.string({
  unit: fc
    .oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff }))
    .map((c) => String.fromCharCode(c)),
  maxLength: 120,
});

const oddStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\u202e\u0646\u0635",
  "\ud800",
  "👩‍👩‍👧‍👦",
  "é".normalize("NFD"),
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "NaN",
  "-0",
  "' OR 1=1 --",
  "%ZZ",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "$K1",
  "$@0",
  "2026-02-30T25:61:00Z",
  "Europe/Atlantis",
);

const weirdString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  oddStrings,
  fc.uuid(),
  // Lengths around the field limits (200, 2,000, 5,000) and the body caps (8 KB, 64 KB).
  fc.constantFrom(201, 1001, 2001, 5001, 8200, 60_000, 65_000, 70_000).map((n) => "x".repeat(n)),
);

const weirdNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324),
  fc.constantFrom("1e400", "-1e400", "1".repeat(400), "-0.0", "1E-400").map(raw),
);

const deepNesting = fc.oneof(
  fc.integer({ min: 50, max: 30_000 }).map((n) => raw("[".repeat(n) + "]".repeat(n))),
  fc.integer({ min: 50, max: 10_000 }).map((n) => raw('{"a":'.repeat(n) + "1" + "}".repeat(n))),
);

const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: weirdString },
  { weight: 3, arbitrary: weirdNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: fc.array(weirdString, { maxLength: 60 }) },
);

const extraKey = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("__proto__", "constructor"),
);
/**
 * A valid value changed in one place, at any depth: a field given another type or value, dropped,
 * or added, an element changed, or the whole value replaced. One change at a time reaches each
 * check behind the schema's first one.
 */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  if (Array.isArray(value)) {
    return fc.oneof(
      weirdValue,
      fc.array(weirdValue, { maxLength: 60 }),
      ...value.map((item, i) =>
        mutate(item).map((changed) => value.map((old, j) => (j === i ? changed : old))),
      ),
    );
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    // fromEntries keeps a "__proto__" key as data instead of changing the prototype.
    return fc.oneof(
      weirdValue,
      fc.tuple(extraKey, weirdValue).map((extra) => Object.fromEntries([...entries, extra])),
      ...entries.map(([key]) =>
        fc.constant(Object.fromEntries(entries.filter(([k]) => k !== key))),
      ),
      ...entries.map(([key, field]) =>
        mutate(field).map((changed) =>
          Object.fromEntries(entries.map(([k, old]) => [k, k === key ? changed : old])),
        ),
      ),
    );
  }
  return weirdValue;
}

/* ---------- request parts ---------- */

const contentTypes = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "Application/JSON",
      "application/json;",
      "application/json; charset=latin1",
      "application/jsonx",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "multipart/form-data; boundary=fuzz",
      "text/html",
      "",
    ),
  },
  { weight: 1, arbitrary: headerText },
);

/** Optional headers a client may send, with odd values; every request names a fuzz address. */
function headersArb(mediaType = "application/json") {
  // Half the requests send what a browser's fetch would, so that their bodies reach the schema.
  const plain = fc.constant<Record<string, string>>({ "content-type": mediaType });
  const odd = fc.record(
    {
      "content-type": contentTypes,
      origin: fc.oneof(fc.constantFrom(world.base, "http://evil.example", "null"), headerText),
      "sec-fetch-site": fc.oneof(
        fc.constantFrom("same-origin", "none", "cross-site", "same-site"),
        headerText,
      ),
      accept: fc.oneof(
        fc.constantFrom("application/json", "text/x-component", "text/html", "*/*"),
        headerText,
      ),
      "accept-language": fc.oneof(fc.constantFrom("en", "ru-RU,ru;q=0.9", "*"), headerText),
      "accept-encoding": fc.oneof(fc.constantFrom("gzip", "br", "identity;q=0"), headerText),
      "content-encoding": fc.oneof(fc.constantFrom("gzip", "br", "deflate"), headerText),
      "x-forwarded-host": fc.oneof(fc.constantFrom("evil.example", ""), headerText),
      "x-forwarded-proto": fc.oneof(fc.constantFrom("https", "http"), headerText),
      rsc: fc.oneof(fc.constant("1"), headerText),
      "next-router-state-tree": fc.oneof(
        fc.jsonValue().map((v) => encodeURIComponent(JSON.stringify(v))),
        headerText,
      ),
      "next-router-prefetch": fc.oneof(fc.constant("1"), headerText),
      "next-router-segment-prefetch": headerText,
      "next-url": headerText,
      "next-action": fc.oneof(fc.stringMatching(/^[0-9a-f]{40,42}$/), headerText),
      "x-middleware-subrequest": fc.oneof(fc.constant("middleware:middleware:proxy"), headerText),
      "x-nextjs-data": headerText,
      authorization: headerText,
      range: fc.oneof(fc.constantFrom("bytes=0-10", "bytes=-1", "bytes=99999999-"), headerText),
      "if-none-match": headerText,
    },
    { requiredKeys: [] },
  );
  return fc.tuple(fc.oneof(plain, odd), headerText).map(([headers, address]) => ({
    ...headers,
    // Keeps the fuzz's rate-limit rows away from the other tests' address ("local").
    "x-forwarded-for": `fuzz${address}`,
  }));
}

/** A session or guest cookie, broken in the ways a tampered or truncated one is. */
function cookieArb(signedIn = world.learnerCookie): fc.Arbitrary<string | undefined> {
  const token = signedIn.match(/authjs\.session-token=([^;]+)/)?.[1] ?? "";
  const guestSignature = world.guestCookie.split(".").pop() ?? "";
  const brokenToken = fc.oneof(
    ascii(),
    fc.base64String({ maxLength: 200 }),
    fc.constantFrom(
      token.slice(0, -7),
      token.slice(0, token.length / 2),
      token.replace(/.(?=.{10}$)/, (c) => (c === "A" ? "B" : "A")),
      "a.b.c.d.e",
      "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0.....",
      "%E0%A4%A",
    ),
  );
  const brokenGuest = fc.oneof(
    ascii(),
    fc.constantFrom(
      `${world.guestId}.${guestSignature.slice(1)}`,
      `${world.guestId}x.${guestSignature}`,
      `00000000-0000-4000-8000-000000000000.${guestSignature}`,
      ".",
      "x.",
      `${"a".repeat(3000)}.b`,
      "%ZZ.%ZZ",
    ),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.constant(signedIn) },
    { weight: 3, arbitrary: fc.constant(world.guestCookie) },
    { weight: 2, arbitrary: brokenToken.map((t) => `authjs.session-token=${t}`) },
    { weight: 1, arbitrary: brokenToken.map((t) => `__Secure-authjs.session-token=${t}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(brokenToken, brokenToken)
        .map(([a, b]) => `authjs.session-token.0=${a}; authjs.session-token.1=${b}`),
    },
    { weight: 2, arbitrary: brokenGuest.map((g) => `pd_learner=${g}`) },
    { weight: 1, arbitrary: headerText.map((l) => `lang=${l}`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(signedIn, world.guestCookie), brokenGuest)
        .map(([real, broken]) => `${real}; pd_learner=${broken}; ${real}`),
    },
    { weight: 1, arbitrary: headerText },
  );
}

const badSegment = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }).map(encodeURIComponent),
  fc.uuid(),
  fc.constantFrom(
    "%ZZ",
    "%E0%A4%A",
    "%",
    "%00",
    "%2F",
    "%2e%2e",
    "%C0%AF",
    "%uD800",
    "%F0%9F%98%80",
    "a%20b",
    "null",
    "__proto__",
    "-1",
    "x".repeat(201),
    "x".repeat(20_000),
    "'%20OR%201=1--",
  ),
);

/** A URL path of a route pattern: each [param] a real value or a bad one. */
function pathArb(pattern: string): fc.Arbitrary<string> {
  const segments = pattern
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const param = /^\[(\.\.\.)?(\w+)\]$/.exec(segment);
      if (!param) return fc.constant(segment);
      const known = world.params[param[2]!] ?? [];
      const one = known.length
        ? fc.oneof(
            { weight: 2, arbitrary: fc.constantFrom(...known) },
            { weight: 1, arbitrary: badSegment },
          )
        : badSegment;
      return param[1] ? fc.array(one, { minLength: 1, maxLength: 3 }).map((s) => s.join("/")) : one;
    });
  return fc.tuple(...segments).map((parts) => "/" + parts.join("/"));
}

const queryArb = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom("deck", "aspect", "callbackUrl", "error", "next", "reason", "learner"),
        fc.string({ maxLength: 10 }),
      ),
      fc.oneof(
        fc.constantFrom(...DECKS, "networking", "%ZZ", ""),
        fc.string({ unit: "grapheme", maxLength: 30 }),
        fc.constant("x".repeat(3000)),
      ),
    ),
    { maxLength: 25 },
  )
  .map((pairs) => {
    const query = pairs
      .map(([k, v]) => `${encodeURIComponent(k)}=${v.startsWith("%") ? v : encodeURIComponent(v)}`)
      .join("&");
    // Short enough for the answer's headers (a redirect repeats the URL) to fit the client's 16 KB.
    return query === "" ? "" : `?${query}`.slice(0, 6000);
  });

/** A body near a valid one, or one that is not even JSON. */
function bodyArb(template?: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    ...(template
      ? [
          { weight: 2, arbitrary: template.map(toJson) },
          { weight: 5, arbitrary: template.chain(mutate).map(toJson) },
          { weight: 1, arbitrary: template.chain(mutate).chain(mutate).map(toJson) },
        ]
      : []),
    { weight: 2, arbitrary: weirdValue.map(toJson) },
    { weight: 1, arbitrary: fc.jsonValue().map(toJson) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string(),
        fc.constantFrom("", "{", "[1,", '{"a":1}garbage', "null", '"\\ud800"', "\ufeff{}"),
        fc.uint8Array({ maxLength: 200 }),
        // Valid JSON, invalid UTF-8 inside a string.
        fc.constant(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])),
        fc
          .array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 })), {
            maxLength: 6,
          })
          .map((pairs) => new URLSearchParams(pairs).toString()),
      ),
    },
  );
}

/* ---------- what a valid request to each route looks like ---------- */

function answerArb() {
  return fc.oneof(
    fc.constant({ type: "reveal" }),
    fc.constantFrom("a", "b", "0").map((optionId) => ({ type: "option", optionId })),
    fc.string({ maxLength: 30 }).map((text) => ({ type: "text", text })),
    fc.boolean().map((value) => ({ type: "boolean", value })),
    fc.constant({ type: "matching", pairs: { a: "1", b: "2" } }),
  );
}

/** Valid JSON bodies per route pattern; a route without one still gets the generic bodies. */
function templates(): Record<string, fc.Arbitrary<unknown>> {
  const question = fc.constantFrom(...world.questionIds);
  const deck = fc.constantFrom(...DECKS);
  return {
    "/api/study/answers": fc.record({
      clientAnswerId: fc.uuid(),
      questionId: question,
      cardVersion: fc.constantFrom(null, 0, 1),
      answer: answerArb(),
      rating: fc.constantFrom(1, 2, 3, 4),
      durationMs: fc.nat(100_000),
      timeZone: fc.constantFrom("UTC", "Europe/Moscow"),
    }),
    "/api/study/undo": fc.record({ clientAnswerId: fc.uuid() }),
    "/api/practice/attempts": fc.record({
      clientId: fc.uuid(),
      deckId: deck,
      aspects: fc.constant([]),
      kinds: fc.constantFrom([], ["true-false"], ["cloze", "matching"]),
      count: fc.constantFrom(5, 10),
      seed: fc.nat(1000),
      countForReview: fc.boolean(),
    }),
    "/api/practice/attempts/[attemptId]/answers": fc.record({
      clientAnswerId: fc.uuid(),
      questionId: question,
      answer: answerArb(),
      knewIt: fc.boolean(),
      durationMs: fc.nat(100_000),
    }),
    "/api/practice/attempts/[attemptId]/retry": fc.record({ clientId: fc.uuid() }),
    "/api/interviews": fc.record({
      clientId: fc.uuid(),
      deckId: deck,
      count: fc.constantFrom(1, 2),
      secondsPerQuestion: fc.constantFrom(10, 90),
    }),
    "/api/interviews/[sessionId]/answers": fc.record({
      position: fc.constantFrom(0, 1),
      clientAnswerId: fc.uuid(),
      text: fc.string({ maxLength: 100 }),
      timedOut: fc.boolean(),
    }),
    "/api/interviews/[sessionId]/checks": fc.record({
      position: fc.constantFrom(0, 1),
      coveredPoints: fc.array(fc.nat(5), { maxLength: 5 }),
    }),
    "/api/join/[code]": fc.record({ displayName: fc.string({ maxLength: 40 }) }),
    "/api/live/games": fc.record({
      deckId: deck,
      questionCount: fc.constantFrom(1, 3, 0, 51),
      secondsPerQuestion: fc.constantFrom(5, 20, 4),
      kinds: fc.constantFrom(["true-false"], ["classify"], ["cloze"], []),
    }),
    "/api/live/pins/[pin]/players": fc.record({
      nickname: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("Anna", "shit", "")),
    }),
    "/api/live/games/[gameId]/answers": fc.record({
      questionIndex: fc.constantFrom(0, 1, -1, 1.5),
      choice: fc.constantFrom("a", "b", "true", "false", ""),
    }),
    "/api/live/games/[gameId]/host": fc.record({
      command: fc.constantFrom(
        "start",
        "next",
        "skip",
        "pause",
        "resume",
        "end",
        "lock",
        "kick",
        "x",
      ),
      playerId: fc.string({ maxLength: 30 }),
      ban: fc.boolean(),
    }),
    "/api/questions/[questionId]/reports": fc.record({
      reason: fc.constantFrom("wrong-answer", "ambiguous", "unclear-wording", "other"),
      comment: fc.string({ maxLength: 100 }),
    }),
  };
}

/** Routes whose body is not JSON: the media type their page sends. */
const MEDIA_TYPES: Record<string, string> = {
  "/api/decks/preview": "text/markdown; charset=utf-8",
};

/**
 * A markdown document near a valid one: a seed document with lines dropped, doubled or replaced
 * by odd text, cut anywhere (even inside a UTF-8 sequence), or other bytes altogether.
 */
function markdownBodyArb(): fc.Arbitrary<string | Uint8Array> {
  const lines = fs.readFileSync("data/sources/containers-vs-pods.ru.md", "utf8").split("\n");
  const edit = fc.tuple(
    fc.nat(lines.length - 1),
    fc.constantFrom("drop", "double", "replace"),
    weirdString,
  );
  const edited = fc.array(edit, { maxLength: 8 }).map((edits) => {
    const out = [...lines];
    for (const [at, how, text] of edits) {
      if (at >= out.length) continue;
      if (how === "drop") out.splice(at, 1);
      else if (how === "double") out.splice(at, 0, out[at]!);
      else out[at] = text;
    }
    return out.join("\n");
  });
  const cut = fc
    .nat()
    .map((at) => new TextEncoder().encode(lines.join("\n")).slice(0, 1 + (at % 20_000)));
  return fc.oneof(
    { weight: 4, arbitrary: edited },
    { weight: 1, arbitrary: cut },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }) },
  );
}

function routeRequestArb(pattern: string, methods: string[]): fc.Arbitrary<FuzzRequest> {
  const template = templates()[pattern];
  const mediaType = MEDIA_TYPES[pattern];
  return fc
    .record({
      method: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...methods) },
        { weight: 1, arbitrary: fc.constantFrom(...WRONG_METHODS) },
      ),
      path: pathArb(pattern),
      query: queryArb,
      headers: headersArb(mediaType),
      cookie: cookieArb(),
      body: fc.option(mediaType ? markdownBodyArb() : bodyArb(template), {
        nil: undefined,
        freq: 8,
      }),
    })
    .map(({ method, path, query, headers, cookie, body }) => ({
      method,
      path: path + query,
      headers: cookie === undefined ? headers : { ...headers, cookie },
      body,
    }));
}

/* ---------- server actions ---------- */

interface BuiltAction {
  id: string;
  /** Pages whose bundle holds the action: where the browser posts it. */
  pages: string[];
}

/** The ids the build gave each action in the code (an action has one id per export). */
function actionIdsInBuild(): Map<string, BuiltAction[]> {
  const manifestFile = path.resolve(".next/server/server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as {
    node: Record<
      string,
      { workers: Record<string, unknown>; filename: string; exportedName: string }
    >;
  };
  const byTarget = new Map<string, BuiltAction[]>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    const name = entry.exportedName.startsWith("$$RSC_SERVER_ACTION_")
      ? "inline"
      : entry.exportedName;
    const pages = Object.keys(entry.workers).map(
      (worker) => worker.replace(/^app/, "").replace(/\/page$/, "") || "/",
    );
    const target = `action ${entry.filename}#${name}`;
    byTarget.set(target, [...(byTarget.get(target) ?? []), { id, pages }]);
  }
  return byTarget;
}

/** A multipart/form-data body as a browser builds one, from generated fields. */
function multipart(fields: [string, string][], boundary: string): string {
  return (
    fields
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`
  );
}

/** The action arguments as React encodes them, and the encodings it refuses to decode. */
const replyValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("$K1", '{"status":"idle","errors":{}}') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "$@1",
      "$1",
      "$Q1",
      "$W1",
      "$undefined",
      "$n12",
      "$nabc",
      "$D2020-01-01",
      "$Dgarbage",
      "$B1",
      "$F1",
      "$T",
      "$h1",
      "$i1",
      "$I",
      "$-0",
      "$NaN",
      "$$x",
      "$Z",
      "$R1",
      "$AT1",
      "$",
    ),
  },
  { weight: 2, arbitrary: weirdValue },
);
const replyArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(replyValue, { maxLength: 3 }).map(toJson) },
  { weight: 1, arbitrary: weirdValue.map(toJson) },
  { weight: 1, arbitrary: fc.string() },
);

const FORM_FIELDS = [
  "email",
  "password",
  "name",
  "currentPassword",
  "newPassword",
  "confirmEmail",
  "locale",
  "timeZone",
  "next",
  "desiredRetention",
  "maximumInterval",
  "newCardsPerDay",
  "reviewsPerDay",
  "learningSteps",
  "relearningSteps",
  "classId",
  "enrollmentId",
  "description",
  "archived",
  "open",
];
const formValue = fc.oneof(
  fc.constantFrom(
    "fuzz@example.test",
    OTHER_PASSWORD,
    "en",
    "ru",
    "UTC",
    "0.9",
    "20",
    "1m 10m",
    "/study",
    "//evil.example",
    "true",
    "on",
  ),
  fc.uuid().map((id) => `fuzz-${id}@example.test`),
  weirdString.filter((s) => !s.includes("\r")),
);
/** Form fields by name, with odd values and the real ids (of a class its owner alone may change). */
function formFieldsArb() {
  const value = fc.oneof(formValue, fc.constantFrom(...Object.values(world.params).flat()));
  return fc.array(fc.tuple(fc.constantFrom(...FORM_FIELDS), value), { maxLength: 8 });
}

function actionRequestArb(
  built: BuiltAction[],
  allIds: string[],
  signedIn: string,
): fc.Arbitrary<FuzzRequest> {
  const ids = built.map((b) => b.id);
  const pages = [...new Set(built.flatMap((b) => b.pages))];
  const actionId = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.constantFrom(...allIds) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{0,44}$/) },
  );
  const boundary = fc.constantFrom("fuzzboundary", "----WebKitFormBoundaryFuzz");
  const formFields = formFieldsArb();
  // A fetch action (the Next-Action header), a form post without JavaScript, or neither.
  const body = fc.oneof(
    fc.tuple(actionId, replyArb, formFields, boundary).map(([id, reply, fields, b]) => ({
      id,
      type: `multipart/form-data; boundary=${b}`,
      body: multipart(
        [...fields.map(([k, v]) => [`1_${k}`, v] as [string, string]), ["0", reply]],
        b,
      ),
    })),
    fc
      .tuple(actionId, replyArb)
      .map(([id, reply]) => ({ id, type: "text/plain;charset=UTF-8", body: reply })),
    fc
      .tuple(
        actionId,
        fc.option(
          fc.oneof(
            actionId.map((id) => toJson({ id, bound: "$@1" })),
            actionId.map((id) => toJson({ id, bound: null })),
            weirdValue.map(toJson),
          ),
        ),
        replyArb,
        formFields,
        boundary,
      )
      .map(([id, descriptor, bound, fields, b]) => ({
        id: undefined,
        type: `multipart/form-data; boundary=${b}`,
        body: multipart(
          [
            ...(descriptor === null
              ? [[`$ACTION_ID_${id}`, ""] as [string, string]]
              : [
                  ["$ACTION_REF_1", ""] as [string, string],
                  ["$ACTION_1:0", descriptor] as [string, string],
                  ["$ACTION_1:1", bound] as [string, string],
                  ["$ACTION_KEY", "k0"] as [string, string],
                ]),
            ...fields,
          ],
          b,
        ),
      })),
    fc
      .tuple(
        fc.option(actionId),
        contentTypes,
        fc.oneof(fc.string(), fc.uint8Array({ maxLength: 300 })),
      )
      .map(([id, type, body]) => ({ id: id ?? undefined, type, body })),
    // Over the 64 KB cap of server actions.
    actionId.map((id) => ({
      id,
      type: "multipart/form-data; boundary=fuzzboundary",
      body: multipart(
        [
          ["1_name", "x".repeat(70_000)],
          ["0", '["$K1"]'],
        ],
        "fuzzboundary",
      ),
    })),
  );
  return fc
    .record({
      page: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...pages).chain(pathArb) },
        { weight: 1, arbitrary: fc.constantFrom(...pagesInCode()).chain(pathArb) },
      ),
      body,
      headers: headersArb(),
      cookie: cookieArb(signedIn),
    })
    .map(({ page, body, headers, cookie }) => {
      const all: Record<string, string> = { ...headers, "content-type": body.type };
      delete all["next-action"];
      if (body.id !== undefined) all["next-action"] = body.id;
      if (cookie !== undefined) all.cookie = cookie;
      return { method: "POST", path: page, headers: all, body: body.body };
    });
}

/* ---------- pages ---------- */

function pageRequestArb(pattern: string): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.oneof(
        { weight: 4, arbitrary: fc.constant("GET") },
        { weight: 1, arbitrary: fc.constantFrom(...WRONG_METHODS) },
      ),
      path: pathArb(pattern),
      query: queryArb,
      headers: headersArb(),
      cookie: cookieArb(),
      body: fc.option(bodyArb(), { nil: undefined }),
    })
    .map(({ method, path, query, headers, cookie, body }) => ({
      method,
      path: path + query,
      headers: cookie === undefined ? headers : { ...headers, cookie },
      body,
    }));
}

/* ---------- the world the requests act on ---------- */

function cookieHeaderOf(setCookie: string[]): string {
  return setCookie.map((line) => line.split(";")[0]!).join("; ");
}

async function postJson(path: string, cookie: string, data: unknown) {
  const response = await fetch(new URL(path, world.base), {
    method: "POST",
    headers: { "content-type": "application/json", cookie, "x-forwarded-for": "fuzz-setup" },
    body: JSON.stringify(data),
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
  return { json: (await response.json()) as Record<string, string>, response };
}

/**
 * The cookies of a browser that signed up (or in), after `then` ran in it: a learner's session.
 * Its own address, like every test's, keeps its sign-up apart from the per-address limits.
 */
async function sessionCookie(
  browser: Browser,
  email: string,
  signUp: boolean,
  then?: (page: Page) => Promise<void>,
): Promise<string> {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `fuzz-setup-${crypto.randomUUID()}` },
  });
  try {
    const page = await context.newPage();
    if (signUp) {
      await register(page, email);
    } else {
      await signIn(page, email);
      await expect(page).toHaveURL(/\/study/);
    }
    await then?.(page);
    const cookies = await context.cookies();
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await context.close();
  }
}

/** The server actions' own learner, and its session while it lasts: a fuzzed sign-out ends it. */
let actionLearner: { email: string; cookie: string } | undefined;

async function actionLearnerCookie(browser: Browser): Promise<string> {
  if (actionLearner) {
    const session = await fetch(new URL("/api/auth/session", world.base), {
      headers: { cookie: actionLearner.cookie },
    });
    if ((await session.json()) !== null) return actionLearner.cookie;
    actionLearner.cookie = await sessionCookie(browser, actionLearner.email, false);
  } else {
    const email = newEmail();
    actionLearner = { email, cookie: await sessionCookie(browser, email, true) };
  }
  return actionLearner.cookie;
}

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  world = {
    base: testInfo.project.use.baseURL!,
    learnerCookie: "",
    guestCookie: "",
    guestId: "",
    params: {},
    questionIds: [],
  };
  // A teacher with a class: the class pages and the join route get a real id and code.
  let created: CreatedClass | undefined;
  world.learnerCookie = await sessionCookie(browser, newEmail(), true, async (page) => {
    await becomeTeacher(page);
    created = await createClass(page, "Fuzz class");
  });
  // A guest is whoever answered without an account: the answer sets the signed cookie.
  const guest = await postJson("/api/practice/attempts", "", {
    clientId: crypto.randomUUID(),
    deckId: DECKS[1],
    count: 5,
  });
  world.guestCookie = cookieHeaderOf(guest.response.headers.getSetCookie());
  world.guestId = decodeURIComponent(world.guestCookie.replace(/^pd_learner=/, "")).split(".")[0]!;
  const start = (path: string, cookie: string, data: object) =>
    postJson(path, cookie, { clientId: crypto.randomUUID(), deckId: DECKS[1], ...data });
  const attempts = [
    guest.json.attemptId!,
    (await start("/api/practice/attempts", world.learnerCookie, { count: 5 })).json.attemptId!,
  ];
  const sessions = [
    (await start("/api/interviews", world.guestCookie, { count: 2 })).json.sessionId!,
    (await start("/api/interviews", world.learnerCookie, { count: 2 })).json.sessionId!,
  ];
  // Questions of the English deck only: the authorization test counts reports on the Russian one's first.
  world.questionIds = readValues<string>(
    `SELECT id AS value FROM "Question" WHERE "deckId" = ? AND "retiredAt" IS NULL ORDER BY position LIMIT 5`,
    DECKS[1],
  );
  // A live game hosted by another account: its event streams answer the fuzzer's cookies with
  // a 4xx (a stream that opened would never end); the PIN and id are real.
  const hostCookie = await sessionCookie(browser, newEmail(), true);
  const game = await postJson("/api/live/games", hostCookie, {
    deckId: DECKS[1],
    questionCount: 2,
  });
  world.params = {
    gameId: [game.json.gameId!],
    pin: [game.json.pin!],
    attemptId: attempts,
    sessionId: sessions,
    questionId: world.questionIds,
    deckId: DECKS,
    classId: [created!.classId],
    code: [created!.code],
    nextauth: [
      "session",
      "csrf",
      "providers",
      "signin",
      "signout",
      "callback",
      "credentials",
      "github",
      "error",
    ],
  };
});

test.afterAll(() => {
  console.log(`fuzz: ${sent} requests sent (seed ${SEED}; FUZZ_SEED=${SEED} replays the run)`);
});

/* ---------- the tests: one per route, action and page ---------- */

const handlersByPath = new Map<string, string[]>();
for (const handler of routeHandlersInCode()) {
  handlersByPath.set(handler.path, [...(handlersByPath.get(handler.path) ?? []), handler.method]);
}

for (const [pattern, methods] of handlersByPath) {
  test(`fuzz: ${methods.join(", ")} ${pattern}`, async () => {
    test.setTimeout(300_000);
    await fuzz(routeRequestArb(pattern, methods), RUNS.route + RUNS.method * (methods.length - 1));
  });
}

const actions = serverActionsInCode();
for (const action of actions) {
  test(`fuzz: ${action.target}`, async ({ browser }) => {
    test.setTimeout(300_000);
    const built = actionIdsInBuild();
    const mine = built.get(action.target) ?? [];
    expect(mine.length, `the build has no id for ${action.target}`).toBeGreaterThan(0);
    const allIds = [...built.values()].flat().map((b) => b.id);
    await fuzz(actionRequestArb(mine, allIds, await actionLearnerCookie(browser)), RUNS.action);
  });
}

for (const pattern of pagesInCode()) {
  test(`fuzz: page ${pattern}`, async () => {
    test.setTimeout(300_000);
    await fuzz(pageRequestArb(pattern), RUNS.page);
  });
}
