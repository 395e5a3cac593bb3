import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrlFor, resolveDatabaseFile } from "./lib/config/database-url";

// JS schema engine + driver adapter: works offline (Prisma 7's CLI and the native engines do not).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => {
    const file = resolveDatabaseFile();
    // Every CLI command opens the file, even `migrate diff`; SQLite cannot create missing folders.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: databaseUrlFor(file) });
  },
});
