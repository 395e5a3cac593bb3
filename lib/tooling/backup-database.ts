import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export class BackupError extends Error {}

export interface BackupOptions {
  /** The live database. */
  source: string;
  /** Where the copy goes. */
  target: string;
  /** Replace `target` when it exists. */
  force?: boolean;
}

/**
 * A consistent copy of a database that may be in use: `VACUUM INTO` reads one snapshot inside a
 * single read transaction, which in WAL mode never blocks the server's writes nor sees half of
 * one. The copy is written next to `target` under a temporary name and then moved into place,
 * so a failed or interrupted backup never leaves a partial file where a good one is expected.
 */
export function backupDatabase({ source, target, force = false }: BackupOptions): void {
  if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}`);
  if (path.resolve(source) === path.resolve(target)) {
    throw new BackupError("the backup cannot be the database itself");
  }
  if (!force && fs.existsSync(target)) {
    throw new BackupError(`${target} exists; pass --force to replace it`);
  }
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir)) throw new BackupError(`no folder ${dir}`);
  const temporary = path.join(dir, `.${path.basename(target)}.${crypto.randomUUID()}.partial`);
  const sqlite = new Database(source, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    sqlite.prepare("VACUUM INTO ?").run(temporary);
    if (force) {
      fs.renameSync(temporary, target);
    } else {
      // link() fails when the name was taken meanwhile: never overwrite without --force.
      fs.linkSync(temporary, target);
    }
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EEXIST") {
      throw new BackupError(`${target} exists; pass --force to replace it`);
    }
    throw error;
  } finally {
    sqlite.close();
    fs.rmSync(temporary, { force: true });
  }
}
