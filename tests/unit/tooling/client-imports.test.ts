import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  findForbiddenImports,
  listClientModules,
  listRuntimeImports,
} from "@/lib/tooling/client-import-graph";

/*
 * What must not reach the browser's first load: zod (31 KB gzip, loaded with `import()` where a
 * form validates) and the message files of both languages (pages pass their own messages down).
 */
const FORBIDDEN = ["zod", "lib/i18n/messages/ru.ts", "lib/i18n/messages/en.ts"];
const root = path.resolve(import.meta.dirname, "../../..");

describe("client modules' static imports", () => {
  it("reach neither zod nor the message files", () => {
    const clientModules = listClientModules(root, ["app", "components", "lib"]);
    // The walk starts where the forms are: an empty list would pass for nothing.
    expect(clientModules).toEqual(
      expect.arrayContaining([
        "components/forms/validated-form.tsx",
        "components/reports/report-problem-button.tsx",
        "components/study/study-session.tsx",
      ]),
    );
    expect(findForbiddenImports(root, clientModules, FORBIDDEN)).toEqual([]);
  });
});

describe("findForbiddenImports", () => {
  const fixture = fs.mkdtempSync(path.join(os.tmpdir(), "client-imports-"));
  afterAll(() => fs.rmSync(fixture, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
    fs.writeFileSync(path.join(fixture, file), text);
  };
  write("lib/schemas.ts", 'import { z } from "zod/mini";\nexport const S = z.string();\n');
  write("lib/limits.ts", "export const MAX = 3;\nexport type Limit = number;\n");
  write("lib/helper.ts", 'export { S } from "./schemas";\nexport * from "./limits";\n');
  write("lib/messages.ts", "export const messages = {};\n");
  write(
    "app/actions.ts",
    '"use server";\nimport { z } from "zod";\nexport async function act() { z.string(); }\n',
  );
  write(
    "components/leaky.tsx",
    '"use client";\nimport { MAX } from "@/lib/helper";\nimport "../lib/messages";\n',
  );
  write(
    "components/clean.tsx",
    [
      '"use client";',
      'import type { z } from "zod";',
      'import { type S } from "@/lib/schemas";',
      'import { MAX, type Limit } from "@/lib/limits";',
      'import { act } from "@/app/actions";',
      'export type { S as Schema } from "../lib/schemas";',
      'export const load = () => import("@/lib/schemas");',
    ].join("\n"),
  );
  write("components/server.tsx", 'import { S } from "@/lib/schemas";\n');

  it("finds the client module that reaches a forbidden one, with the trail", () => {
    const clientModules = listClientModules(fixture, ["app", "components", "lib"]);
    expect(clientModules).toEqual(["components/clean.tsx", "components/leaky.tsx"]);
    expect(findForbiddenImports(fixture, clientModules, ["zod", "lib/messages.ts"])).toEqual([
      {
        entry: "components/leaky.tsx",
        trail: ["components/leaky.tsx"],
        forbidden: "lib/messages.ts",
      },
      {
        entry: "components/leaky.tsx",
        trail: ["components/leaky.tsx", "lib/helper.ts", "lib/schemas.ts"],
        forbidden: "zod",
      },
    ]);
  });

  it("skips type-only imports and exports, import() and side effects kept", () => {
    expect(
      listRuntimeImports(
        [
          'import type { A } from "a";',
          'import { type B } from "b";',
          'import { type C, D } from "c";',
          'import "d";',
          'export type { E } from "e";',
          'export * from "f";',
          'export { type G, H } from "g";',
          'const lazy = () => import("h");',
        ].join("\n"),
      ),
    ).toEqual(["c", "d", "f", "g"]);
  });
});
