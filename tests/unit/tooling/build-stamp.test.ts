import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { computeBuildStamp, isBuildCurrent, writeBuildStamp } from "@/lib/tooling/build-stamp";
import { ensureAuthSecret } from "@/lib/tooling/auth-secret";

function project() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-stamp-"));
  fs.mkdirSync(path.join(root, "app"));
  fs.mkdirSync(path.join(root, ".next"));
  fs.writeFileSync(path.join(root, "app", "page.tsx"), "export default 1;");
  fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
  return root;
}

describe("build stamp", () => {
  it("is current after a build and stale once a source file changes", () => {
    const root = project();
    writeBuildStamp(root, computeBuildStamp(root));
    expect(isBuildCurrent(root, computeBuildStamp(root))).toBe(true);
    fs.writeFileSync(path.join(root, "app", "page.tsx"), "export default 2;");
    expect(isBuildCurrent(root, computeBuildStamp(root))).toBe(false);
  });
  it("is stale without a build", () => {
    const root = project();
    fs.rmSync(path.join(root, ".next", "BUILD_ID"));
    writeBuildStamp(root, computeBuildStamp(root));
    expect(isBuildCurrent(root, computeBuildStamp(root))).toBe(false);
  });
});

describe("ensureAuthSecret", () => {
  it("generates a secret once, keeps it, and prefers the environment", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "poddeck-test-secret-"));
    const first = ensureAuthSecret(undefined, dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(ensureAuthSecret(undefined, dir)).toBe(first);
    expect(ensureAuthSecret("x".repeat(40), dir)).toBe("x".repeat(40));
  });
});
