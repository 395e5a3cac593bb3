import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";
import { hasUsableAuthOrigin } from "./auth/auth-requests";
import { BadRequestError } from "./errors";
import { assertSameOrigin, readBody } from "./http";

/*
 * Requests that Next.js itself answers with a 500, refused first by proxy.ts with a 4xx: a path
 * with a %-escape that does not decode (or decodes to NUL), a client-side navigation whose router state header does
 * not parse, and server-action posts it refuses or cannot decode — one from another origin (its
 * CSRF check), a body over the actions' size limit, malformed multipart data, arguments that are
 * not a list or that name parts the body does not have ("$@5"), values React fails to revive (a
 * BigInt that is not one).
 */

/**
 * A "%" not followed by two hex digits, escapes that are not UTF-8, or a NUL ("%00"): no id or
 * slug holds one, and PostgreSQL refuses it as a parameter (a page reading its id would be a 500).
 */
export function hasUnusablePath(url: string): boolean {
  try {
    return decodeURIComponent(new URL(url).pathname).includes("\u0000");
  } catch {
    return true;
  }
}

/**
 * An RSC request (a client-side navigation) whose Next-Router-State-Tree Next.js cannot parse.
 * Its own parser decides, so the check cannot drift from what it accepts.
 */
export function hasInvalidRouterState(headers: Headers): boolean {
  const state = headers.get("next-router-state-tree");
  if (headers.get("rsc") !== "1" || state === null) return false;
  try {
    parseAndValidateFlightRouterState(state);
    return false;
  } catch {
    return true;
  }
}

/** Ours go 3 deep; React revives values recursively, so a deep one overflows its stack. */
const MAX_DEPTH = 32;
/** "$" strings React revives without looking anything up: escapes, undefined, numbers, dates. */
const PLAIN_REFERENCE = /^\$(?:\$.*|undefined|Infinity|-Infinity|NaN|-0|D.*)$/s;
/** A FormData made of the fields under a prefix: any prefix will do, even one with no fields. */
const FORM_DATA_REFERENCE = /^\$K[0-9a-f]+$/;
/** Another field of the body, holding a JSON value of its own. */
const FIELD_REFERENCE = /^\$@?([0-9a-f]+)$/;

type Fields = Pick<FormData, "get">;

function refuse(): never {
  throw new BadRequestError("malformed server action request");
}

/**
 * The JSON value in field `prefix + id` as React would read it, every "$" string in it checked:
 * a reference must name a field that exists and holds a valid value (no cycles).
 */
function checkedField(fields: Fields, prefix: string, id: string, open: Set<string>): unknown {
  const text = fields.get(prefix + id);
  if (typeof text !== "string" || open.has(id)) refuse();
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    refuse();
  }
  open.add(id);
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) refuse();
    if (typeof value === "string" && value.includes("\u0000")) refuse();
    if (typeof value === "string" && value.startsWith("$")) {
      const field = FIELD_REFERENCE.exec(value);
      if (field) checkedField(fields, prefix, String(parseInt(field[1]!, 16)), open);
      else if (!PLAIN_REFERENCE.test(value) && !FORM_DATA_REFERENCE.test(value)) refuse();
    } else if (value !== null && typeof value === "object") {
      if (Object.keys(value).some((key) => key.includes("\u0000"))) refuse();
      for (const child of Object.values(value)) stack.push([child, depth + 1]);
    }
  }
  open.delete(id);
  return root;
}

/** A fetch action's arguments: field "0", a list. */
function checkArguments(fields: Fields): void {
  if (!Array.isArray(checkedField(fields, "", "0", new Set()))) refuse();
}

/**
 * A form posted before the page's JavaScript ran: each `$ACTION_REF_<n>` names its action and
 * bound arguments in `$ACTION_<n>:0` as `{id, bound}`, bound being null or a reference to a list.
 */
function checkFormPost(form: FormData): void {
  for (const key of form.keys()) {
    if (!key.startsWith("$ACTION_REF_")) continue;
    const prefix = `$ACTION_${key.slice("$ACTION_REF_".length)}:`;
    const meta = checkedField(form, prefix, "0", new Set()) as { id?: unknown; bound?: unknown };
    if (meta === null || typeof meta !== "object" || typeof meta.id !== "string") refuse();
    if (meta.bound === null) continue;
    const bound = typeof meta.bound === "string" ? /^\$@([0-9a-f]+)$/.exec(meta.bound) : null;
    if (!bound) refuse();
    const id = String(parseInt(bound[1]!, 16));
    if (!Array.isArray(checkedField(form, prefix, id, new Set()))) refuse();
  }
}

/**
 * Refuses a POST that Next.js takes for a server action (a Next-Action header, or a form's body)
 * when it would fail on it: 403 from another origin, 413 over the body cap, 400 when it cannot be
 * decoded or Auth.js could not build its origin. Any other request passes untouched.
 */
export async function checkServerActionRequest(request: Request): Promise<void> {
  if (request.method !== "POST") return;
  const fetchAction = request.headers.has("next-action");
  const type = request.headers.get("content-type") ?? "";
  const multipart = type.startsWith("multipart/form-data");
  const urlEncoded = type === "application/x-www-form-urlencoded";
  if (!fetchAction && !multipart && !urlEncoded) return;
  // Next.js compares Origin with the host the same way, but answers a mismatch (or an Origin
  // that is no URL) with 500.
  assertSameOrigin(request);
  if (!hasUsableAuthOrigin(request.headers)) {
    throw new BadRequestError("X-Forwarded-Proto or X-Forwarded-Host is malformed");
  }
  // Next.js does not run url-encoded posts as actions: it renders the page.
  if (!fetchAction && !multipart) return;
  // The same cap as next.config.js's serverActions.bodySizeLimit, which Next.js answers with 500.
  const body = await readBody(request);
  if (!multipart) {
    // A fetch action whose arguments React encoded as one JSON string.
    const text = new TextDecoder().decode(body);
    return checkArguments({ get: (name: string) => (name === "0" ? text : null) });
  }
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    refuse();
  }
  // PostgreSQL's text cannot hold U+0000 (storing it fails with 500), SQLite's can; no form field
  // takes it, so both databases answer 400. Fetch actions' JSON strings are checked as parsed.
  for (const value of form.values())
    if (typeof value === "string" && value.includes("\u0000")) refuse();
  if (fetchAction) checkArguments(form);
  else checkFormPost(form);
}
