import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-user-create-"));
const databaseFile = path.join(dir, "users.db");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function userCreate(...args: string[]) {
  return spawnSync(
    process.execPath,
    ["node_modules/tsx/dist/cli.mjs", "scripts/user-create.ts", ...args],
    {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `file:${databaseFile}` },
      timeout: 60_000,
    },
  );
}

function userRow(email: string) {
  const sqlite = new Database(databaseFile, { readonly: true });
  try {
    return sqlite
      .prepare("SELECT role, name, passwordHash FROM User WHERE email = ?")
      .get(email) as { role: string; name: string | null; passwordHash: string } | undefined;
  } finally {
    sqlite.close();
  }
}

// Each case spawns tsx (a second or two apiece); a loaded CI machine needs the headroom.
describe("npm run user:create", { timeout: 60_000 }, () => {
  it("creates a teacher with a hashed password on a fresh database", () => {
    const result = userCreate(
      "--email",
      "Teacher@School.test",
      "--role",
      "teacher",
      "--name",
      "Анна",
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("created teacher@school.test (teacher)");
    const password = /password: (\S+)/.exec(result.stdout)?.[1];
    expect(password, "a generated password is printed once").toBeTruthy();
    const row = userRow("teacher@school.test");
    expect(row).toMatchObject({ role: "teacher", name: "Анна" });
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a taken email, a bad role and a missing email in one line each", () => {
    userCreate("--email", "twice@school.test", "--password", "long enough passphrase");
    const taken = userCreate("--email", "twice@school.test", "--password", "another passphrase");
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain("email: email_taken");

    const role = userCreate("--email", "x@school.test", "--role", "admin");
    expect(role.status).toBe(1);
    expect(role.stderr).toMatch(/--role/);
    expect(userRow("x@school.test")).toBeUndefined();

    const missing = userCreate("--role", "teacher");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/--email/);
  });
});
