/**
 * `npm run user:create -- --email a@b.c [--role teacher] [--name "…"] [--password …]`
 * Creates an account from the command line; without --password one is generated and printed.
 */
import crypto from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { EmailSchema, PasswordSchema, RoleSchema } from "@/lib/core/accounts/account-schemas";
import { readEnv } from "@/lib/config/env";
import { FieldError, registerUser } from "@/lib/server/auth/accounts";
import { createDb } from "@/lib/server/db";
import { applyMigrations, checkDatabase, StartupError } from "@/lib/tooling/prepare-database";

const root = path.resolve(import.meta.dirname, "..");

const ArgsSchema = z.object({
  email: EmailSchema,
  role: RoleSchema.default("learner"),
  name: z.string().max(80).optional(),
  password: PasswordSchema.optional(),
});

function fail(message: string): never {
  console.error(`user:create: ${message}`);
  process.exit(1);
}

let values: Record<string, string | undefined>;
try {
  values = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
    },
  }).values;
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const args = ArgsSchema.safeParse(values);
if (!args.success) {
  fail(
    args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ") +
      "\nusage: npm run user:create -- --email a@b.c [--role learner|teacher] [--name …] [--password …]",
  );
}

const password = args.data.password ?? crypto.randomBytes(12).toString("base64url");
try {
  const { database } = readEnv();
  await checkDatabase(database);
  await applyMigrations(root, database);
  const db = createDb(database);
  await registerUser(db, { ...args.data, password, guestLearnerId: null });
  await db.$disconnect();
  console.log(`user:create: created ${args.data.email} (${args.data.role})`);
  if (!args.data.password) console.log(`user:create: password: ${password}`);
} catch (error) {
  if (error instanceof FieldError) fail(`${error.field}: ${error.message}`);
  if (error instanceof StartupError) fail(error.message);
  throw error;
}
