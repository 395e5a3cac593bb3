import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/*
 * What a "use client" module pulls into the browser: its static imports, followed through the
 * project's own files. Type-only imports are erased by the compiler and `import()` loads on
 * demand, so neither counts; a "use server" module ships only references to its actions, so
 * its own imports stay on the server.
 */

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".js", ".mjs"];

/** The leading directives of a module ("use client", "use server"). */
export function readDirectives(source: string, fileName = "module.tsx"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const directives: string[] = [];
  for (const statement of file.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    directives.push(statement.expression.text);
  }
  return directives;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // import "x": run for its effects
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return (
    !clause.name &&
    named !== undefined &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((element) => element.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

/** Specifiers of the imports and re-exports a bundler keeps (no `import type`, no `import()`). */
export function listRuntimeImports(source: string, fileName = "module.tsx"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && !isTypeOnlyImport(statement)) {
      if (ts.isStringLiteral(statement.moduleSpecifier))
        specifiers.push(statement.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      !isTypeOnlyExport(statement)
    ) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers;
}

/** The project file a specifier names ("@/…" or relative), or null for a package. */
function resolveProjectFile(root: string, from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const candidates = [
    base,
    ...SOURCE_EXTENSIONS.map((ext) => base + ext),
    ...SOURCE_EXTENSIONS.map((ext) => path.join(base, `index${ext}`)),
  ];
  for (const candidate of candidates) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${path.relative(root, from)}: cannot resolve "${specifier}"`);
}

/** The package a bare specifier names: "zod/v4" → "zod", "@scope/pkg/x" → "@scope/pkg". */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

export interface ForbiddenImport {
  /** The "use client" module the browser loads. */
  entry: string;
  /** Project files from the entry to the one importing the forbidden module (relative to root). */
  trail: string[];
  /** The package or project file reached. */
  forbidden: string;
}

/**
 * Every way a client module reaches a forbidden module through static imports: one trail (a
 * shortest) per entry and forbidden module. `forbidden` holds package names ("zod") and project
 * files relative to root ("lib/i18n/messages/ru.ts").
 */
export function findForbiddenImports(
  root: string,
  entries: readonly string[],
  forbidden: readonly string[],
): ForbiddenImport[] {
  const found: ForbiddenImport[] = [];
  const importsOf = new Map<string, string[]>();
  const read = (file: string) => {
    let specifiers = importsOf.get(file);
    if (!specifiers) {
      const source = fs.readFileSync(file, "utf8");
      specifiers = readDirectives(source, file).includes("use server")
        ? []
        : listRuntimeImports(source, file);
      importsOf.set(file, specifiers);
    }
    return specifiers;
  };
  for (const entry of entries) {
    const start = path.resolve(root, entry);
    const reported = new Set<string>();
    const seen = new Set<string>([start]);
    const queue: string[][] = [[start]];
    while (queue.length > 0) {
      const trail = queue.shift()!;
      const file = trail[trail.length - 1]!;
      for (const specifier of read(file)) {
        const target = resolveProjectFile(root, file, specifier);
        const name = target === null ? packageOf(specifier) : path.relative(root, target);
        if (forbidden.includes(name)) {
          if (!reported.has(name)) {
            reported.add(name);
            found.push({
              entry: path.relative(root, start),
              trail: trail.map((step) => path.relative(root, step)),
              forbidden: name,
            });
          }
        } else if (
          target !== null &&
          !seen.has(target) &&
          SOURCE_EXTENSIONS.includes(path.extname(target))
        ) {
          seen.add(target);
          queue.push([...trail, target]);
        }
      }
    }
  }
  return found;
}

/** Every module under `dirs` (relative to root) that starts with "use client". */
export function listClientModules(root: string, dirs: readonly string[]): string[] {
  const modules: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && entry.name !== "generated") visit(full);
      } else if (
        SOURCE_EXTENSIONS.includes(path.extname(entry.name)) &&
        readDirectives(fs.readFileSync(full, "utf8"), full).includes("use client")
      ) {
        modules.push(path.relative(root, full));
      }
    }
  };
  for (const dir of dirs) visit(path.join(root, dir));
  return modules.sort();
}
