import fs from "node:fs";
import path from "node:path";

/*
 * The routes as the code defines them, read from the files rather than listed by hand: the
 * authorization table must have a row for each route handler and server action, and the fuzz
 * test sends each of them (and every page) generated requests. A new route is in both at once.
 */

export interface RouteHandler {
  /** "POST /api/practice/attempts/[attemptId]/answers": its row in the authorization table. */
  target: string;
  method: string;
  /** The URL with its dynamic segments as in the file system: "/api/questions/[questionId]/reports". */
  path: string;
}

export interface ServerAction {
  /** "action app/account/actions.ts#saveProfile"; one "…#inline" per file for inline actions. */
  target: string;
  file: string;
  /** The exported name, or "inline" for the actions declared inside a component. */
  name: string;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function sources() {
  return ["app", "lib", "components"]
    .flatMap(filesUnder)
    .filter((file) => /\.tsx?$/.test(file) && !file.includes(`lib${path.sep}generated`))
    .map((file) => ({ file: file.split(path.sep).join("/"), text: fs.readFileSync(file, "utf8") }));
}

/** The URL of an app/ folder: route groups "(name)" are not part of it. */
function urlOf(dir: string): string {
  const segments = dir
    .replace(/^app\/?/, "")
    .split("/")
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  return "/" + segments.join("/");
}

/** Every exported method of every app/**\/route.ts. */
export function routeHandlersInCode(): RouteHandler[] {
  return sources()
    .filter(({ file }) => /^app\/.*\/route\.ts$/.test(file))
    .flatMap(({ file, text }) => {
      const url = urlOf(path.posix.dirname(file));
      const methods = [
        ...text.matchAll(
          /export\s+(?:(?:async\s+)?function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
        ),
      ];
      // `export { GET }` and `export const { GET } = handlers` name methods too.
      const listed = [...text.matchAll(/export\s*(?:const\s*)?\{([^}]*)\}/g)].flatMap((m) =>
        m[1]!.split(",").map((name) =>
          name
            .trim()
            .split(/\s+as\s+/)
            .pop()!,
        ),
      );
      return [...methods.map((m) => m[1]!), ...listed.filter((n) => /^[A-Z]+$/.test(n))].map(
        (method) => ({ target: `${method} ${url}`, method, path: url }),
      );
    });
}

/** Every exported server action, and one entry per file that declares actions inline. */
export function serverActionsInCode(): ServerAction[] {
  const all = sources();
  const exported = all
    .filter(({ text }) => /^\s*["']use server["']/.test(text))
    .flatMap(({ file, text }) =>
      [...text.matchAll(/export\s+(?:async\s+function\s+(\w+)|const\s+(\w+)\s*=\s*async)/g)].map(
        (m) => ({ file, name: (m[1] ?? m[2])! }),
      ),
    );
  // Actions declared inline in a component ("use server" inside a function).
  const inline = all
    .filter(({ text }) => /\n[ \t]+["']use server["']/.test(text))
    .map(({ file }) => ({ file, name: "inline" }));
  return [...exported, ...inline].map((a) => ({ ...a, target: `action ${a.file}#${a.name}` }));
}

/** Every page's URL, dynamic segments as in the file system: "/decks/[deckId]". */
export function pagesInCode(): string[] {
  return filesUnder("app")
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => /(^|\/)page\.tsx?$/.test(file))
    .map((file) => urlOf(path.posix.dirname(file)))
    .sort();
}

/** The authorization table's keys: every route handler method and every server action. */
export function targetsInCode(): string[] {
  return [
    ...routeHandlersInCode().map((r) => r.target),
    ...serverActionsInCode().map((a) => a.target),
  ].sort();
}
