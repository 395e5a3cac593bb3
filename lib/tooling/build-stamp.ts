import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** What goes into the production bundle: a change to any of these makes the build stale. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/models.prisma",
  "prisma/sqlite/schema.prisma",
  "prisma/postgres/schema.prisma",
  "next.config.js",
  "proxy.ts",
  "package-lock.json",
  "tsconfig.json",
];
const SKIPPED_DIRS = new Set(["node_modules", ".next", "generated"]);
const STAMP_FILE = path.join(".next", "poddeck-build-stamp");

function listFiles(root: string, entry: string): string[] {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((d) => !SKIPPED_DIRS.has(d.name))
    .flatMap((d) => listFiles(root, path.join(entry, d.name)));
}

export function computeBuildStamp(root: string): string {
  const hash = crypto.createHash("sha256");
  for (const file of BUILD_INPUTS.flatMap((entry) => listFiles(root, entry)).sort()) {
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(root, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

export function isBuildCurrent(root: string, stamp: string): boolean {
  const file = path.join(root, STAMP_FILE);
  return (
    fs.existsSync(path.join(root, ".next", "BUILD_ID")) &&
    fs.existsSync(file) &&
    fs.readFileSync(file, "utf8") === stamp
  );
}

export function writeBuildStamp(root: string, stamp: string): void {
  fs.writeFileSync(path.join(root, STAMP_FILE), stamp);
}
