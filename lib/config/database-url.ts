import path from "node:path";

/** Where the SQLite file lives unless DATABASE_URL says otherwise. */
export const DEFAULT_DATABASE_FILE = "var/poddeck.db";

/**
 * Resolves DATABASE_URL (`file:./relative.db`, `file:/abs.db` or a bare path) to an absolute
 * file path, so the CLI, the server and the scripts all open the very same file whatever their cwd.
 */
export function resolveDatabaseFile(
  url: string | undefined = process.env.DATABASE_URL,
  root: string = process.cwd(),
): string {
  const raw = url?.trim() ? url.trim() : DEFAULT_DATABASE_FILE;
  const withoutScheme = raw.startsWith("file:") ? raw.slice("file:".length) : raw;
  const withoutQuery = withoutScheme.split("?")[0] ?? withoutScheme;
  return path.resolve(root, withoutQuery);
}

export function databaseUrlFor(file: string): string {
  return `file:${file}`;
}
