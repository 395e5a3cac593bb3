import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import {
  databaseUrlFor,
  providerOf,
  resolveDatabase,
  resolveDatabaseFile,
} from "./lib/config/database-url";
import { postgresAdapter } from "./lib/server/postgres-adapter";

// DATABASE_URL picks the provider: its schema folder (the shared prisma/models.prisma linked next
// to a generator and datasource) and its own migrations.
const provider = providerOf(resolveDatabase());
const folder = provider === "postgresql" ? "prisma/postgres" : "prisma/sqlite";

// JS schema engine + driver adapter: works offline (Prisma 7's CLI and the native engines do not).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: folder,
  migrations: { path: `${folder}/migrations` },
  adapter: async () => {
    if (provider === "postgresql") return postgresAdapter(resolveDatabase());
    const file = resolveDatabaseFile();
    // Every CLI command opens the file, even `migrate diff`; SQLite cannot create missing folders.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: databaseUrlFor(file) });
  },
});
