import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function runStart(env: Record<string, string>, args: string[] = []) {
  return spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts", ...args],
    {
      encoding: "utf8",
      env: { ...process.env, ...env },
      timeout: 60_000,
    },
  );
}

async function findFreePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-start-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("npm start refuses clearly", () => {
  it("when the port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    cleanups.push(() => blocker.close());
    const port = (blocker.address() as net.AddressInfo).port;

    const result = runStart({ PORT: String(port), DATABASE_URL: `file:${tempDir()}/x.db` });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `PodDeck: port ${port} is already in use; set PORT to a free one, e.g. PORT=${port + 1} npm start`,
    );
  }, 60_000);

  it("when the database file is not a database", async () => {
    const file = path.join(tempDir(), "garbage.db");
    fs.writeFileSync(file, "this is not a sqlite file, just text ".repeat(200));
    const result = runStart({ PORT: String(await findFreePort()), DATABASE_URL: `file:${file}` });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^PodDeck: cannot open the database .*garbage\.db: file is not a database$/,
    );
  }, 60_000);

  it("to run several instances on a SQLite file, or with a bad count", async () => {
    const env = { PORT: String(await findFreePort()), DATABASE_URL: `file:${tempDir()}/x.db` };
    const sqlite = runStart(env, ["--cluster", "--instances", "2"]);
    expect(sqlite.status).toBe(1);
    expect(sqlite.stderr.trim()).toMatch(/^PodDeck: several instances need PostgreSQL: /);
    const count = runStart(env, ["--cluster", "--instances", "zero"]);
    expect(count.status).toBe(1);
    expect(count.stderr.trim()).toBe("PodDeck: --instances must be a whole number from 1 to 16");
  }, 60_000);

  it("when an environment variable is invalid", () => {
    const result = runStart({ PORT: "not-a-port" });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^PodDeck: invalid environment: PORT: /);
  }, 60_000);
});
