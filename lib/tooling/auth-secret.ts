import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Returns AUTH_SECRET from the environment, or one generated on first start and kept in
 * `var/`, so sessions survive restarts without anyone writing a .env file.
 */
export function ensureAuthSecret(given: string | undefined, varDir: string): string {
  if (given) return given;
  const file = path.join(varDir, "auth-secret");
  if (fs.existsSync(file)) {
    const kept = fs.readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  }
  fs.mkdirSync(varDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
