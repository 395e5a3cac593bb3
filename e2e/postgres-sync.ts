import { createRequire } from "node:module";
import path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";

/*
 * The e2e tests read the database synchronously (countRows inside expect(), expect.poll, plain
 * helpers), as better-sqlite3 does. `pg` is asynchronous: one worker thread per test process
 * holds the connection, and the caller blocks on Atomics.wait until the worker has answered.
 */

export interface Statement {
  sql: string;
  params: unknown[];
}

// Plain JavaScript: a worker started from a string is not transpiled.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const pg = require(workerData.pgPath);
const { port, signal, url } = workerData;
// Values as the SQLite driver gives them, so one assertion holds on both: a count (bigint) as
// a number, a DateTime as the text the Prisma SQLite adapter stores, a Boolean as 1 or 0.
const parsers = {
  20: Number,
  1114: (text) => new Date(text.replace(" ", "T") + "Z").toISOString().replace("Z", "+00:00"),
  16: (text) => (text === "t" ? 1 : 0),
};
const client = new pg.Client({
  connectionString: url,
  types: { getTypeParser: (oid, format) => parsers[oid] ?? pg.types.getTypeParser(oid, format) },
});
const connected = client.connect();
port.on("message", async (statements) => {
  let reply;
  const batch = statements.length > 1;
  try {
    await connected;
    if (batch) await client.query("BEGIN");
    const results = [];
    for (const { sql, params } of statements) results.push((await client.query(sql, params)).rows);
    if (batch) await client.query("COMMIT");
    reply = { results };
  } catch (error) {
    if (batch) await client.query("ROLLBACK").catch(() => {});
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

/** `?` placeholders (SQLite's) become `$1, $2, …`; quoted text and identifiers are left alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql
    .split(/('(?:[^']|'')*'|"[^"]*")/)
    .map((part, i) => (i % 2 ? part : part.replace(/\?/g, () => `$${++n}`)))
    .join("");
}

let bridge: { url: string; port: MessagePort; signal: Int32Array } | undefined;

function bridgeTo(url: string) {
  if (bridge?.url === url) return bridge;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const pgPath = createRequire(path.join(process.cwd(), "package.json")).resolve("pg");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { url, port: port2, signal, pgPath },
    transferList: [port2],
  });
  // The test process may exit while the worker still holds its connection.
  worker.unref();
  bridge = { url, port: port1 as unknown as MessagePort, signal };
  return bridge;
}

/** Runs the statements (more than one: in one transaction) and returns each one's rows. */
export function queryPostgresSync(url: string, statements: Statement[]): unknown[][] {
  const { port, signal } = bridgeTo(url);
  Atomics.store(signal, 0, 0);
  port.postMessage(statements.map(({ sql, params }) => ({ sql: numberPlaceholders(sql), params })));
  if (Atomics.wait(signal, 0, 0, 30_000) === "timed-out") {
    throw new Error("the PostgreSQL test connection did not answer within 30 s");
  }
  const reply = receiveMessageOnPort(port as never)?.message as
    { results: unknown[][] } | { error: string };
  if ("error" in reply) throw new Error(`PostgreSQL: ${reply.error}`);
  return reply.results;
}
