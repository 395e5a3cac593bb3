import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MALFORMED, ROOT } from "./deck-fixtures";

function runDeck(...args: string[]) {
  const result = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/deck.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run deck", () => {
  it("prints the deck as JSON", () => {
    const { status, stdout, stderr } = runDeck("data/sources/containers-vs-pods.ru.md", "--json");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    const output = JSON.parse(stdout) as {
      deck: { id: string; language: string; countsByKind: Record<string, number> };
      questions: Record<string, unknown>[];
    };
    expect(output.deck).toMatchObject({ id: "containers-vs-pods.ru", language: "ru" });
    const total = Object.values(output.deck.countsByKind).reduce((sum, count) => sum + count, 0);
    expect(output.questions).toHaveLength(total);
    for (const question of output.questions) {
      expect(question).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          kind: expect.any(String),
          prompt: expect.any(String),
          answer: expect.any(String),
          explanation: expect.any(String),
          source: expect.objectContaining({ line: expect.any(Number) }),
          tags: expect.objectContaining({ concepts: expect.any(Array) }),
        }),
      );
    }
  }, 30_000);

  it("prints a summary", () => {
    const { status, stdout } = runDeck("data/sources/containers-vs-pods.en.md");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^title: +Container vs Pod$/m);
    expect(stdout).toMatch(/^language: +en$/m);
    expect(stdout).toMatch(/^concepts: +Container \(container\), Pod \(pod\)$/m);
    expect(stdout).toMatch(/^ {2}total +\d+$/m);
  }, 30_000);

  it("names what is missing and where, without a stack trace", () => {
    const { status, stdout, stderr } = runDeck(path.join(MALFORMED, "unknown-concept.md"));
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      'error: line 13: "Виртуальная машина" under "Изоляция" is not one of the concepts ("Контейнер", "Под")\n',
    );
  }, 30_000);

  it("says so when the file cannot be read", () => {
    const { status, stderr } = runDeck("data/sources/no-such-deck.md", "--json");
    expect(status).toBe(1);
    expect(stderr).toBe("error: cannot read data/sources/no-such-deck.md: no such file\n");
  }, 30_000);

  it("refuses a file that is not UTF-8 with the line of the first bad byte, as the upload does", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-deck-cli-"));
    const file = path.join(dir, "latin1.md");
    fs.writeFileSync(file, Buffer.from("# Caf\u00e9\n\nline two\n", "latin1"));
    const { status, stdout, stderr } = runDeck(file);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(status).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^error: line 1: the file is not UTF-8 text \(invalid byte 0xe9/);
  }, 30_000);
});
