import path from "node:path";

/** Where the SQLite file lives unless DATABASE_URL says otherwise. */
export const DEFAULT_DATABASE_FILE = "var/poddeck.db";

export type DatabaseProvider = "sqlite" | "postgresql";

/** `postgres://…` or `postgresql://…` is a PostgreSQL server; anything else is a SQLite file. */
export function isPostgresUrl(url: string | undefined): url is string {
  return /^postgres(ql)?:\/\//i.test(url?.trim() ?? "");
}

export function providerOf(database: string): DatabaseProvider {
  return isPostgresUrl(database) ? "postgresql" : "sqlite";
}

/**
 * Resolves DATABASE_URL (`file:./relative.db`, `file:/abs.db` or a bare path) to an absolute
 * file path, so the CLI, the server and the scripts all open the very same file whatever their cwd.
 */
export function resolveDatabaseFile(
  url: string | undefined = process.env.DATABASE_URL,
  root: string = process.cwd(),
): string {
  // Resolved as a path, a server's URL would name a directory `postgresql:` in the project.
  if (providerOf(url ?? "") === "postgresql")
    throw new Error("DATABASE_URL names a PostgreSQL server, not a file");
  const raw = url?.trim() ? url.trim() : DEFAULT_DATABASE_FILE;
  const withoutScheme = raw.startsWith("file:") ? raw.slice("file:".length) : raw;
  const withoutQuery = withoutScheme.split("?")[0] ?? withoutScheme;
  return path.resolve(root, withoutQuery);
}

/**
 * The database DATABASE_URL names: a PostgreSQL URL as it is, or the absolute path of the SQLite
 * file (resolveDatabaseFile). Scripts, the server and the tests pass this string around.
 */
export function resolveDatabase(
  url: string | undefined = process.env.DATABASE_URL,
  root: string = process.cwd(),
): string {
  return isPostgresUrl(url) ? url.trim() : resolveDatabaseFile(url, root);
}

/** The DATABASE_URL for a database from resolveDatabase. */
export function databaseUrlFor(database: string): string {
  return isPostgresUrl(database) ? database : `file:${database}`;
}

/** For log lines: the file relative to the project, or the server's URL without its password. */
export function describeDatabase(root: string, database: string): string {
  if (!isPostgresUrl(database)) return path.relative(root, database) || database;
  const url = new URL(database);
  if (url.password) url.password = "***";
  return url.toString();
}
