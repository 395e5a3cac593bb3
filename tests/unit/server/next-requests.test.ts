import { describe, expect, it } from "vitest";
import {
  checkServerActionRequest,
  hasInvalidRouterState,
  hasUnusablePath,
} from "@/lib/server/next-requests";
import { hasInvalidCallbackUrl, hasUsableAuthOrigin } from "@/lib/server/auth/auth-requests";
import { DomainError } from "@/lib/server/errors";

const BOUNDARY = "----WebKitFormBoundaryxIw18yqMJ6g1TAWb";
const ACTION = "60771f627d4b4e297aed3d091350fd86273987ae79";

function multipart(fields: [string, string][]): string {
  return (
    fields
      .map(
        ([name, value]) =>
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + `--${BOUNDARY}--\r\n`
  );
}

function post(body: string, headers: Record<string, string>) {
  return new Request("http://localhost:3000/register", {
    method: "POST",
    headers: { host: "localhost:3000", ...headers },
    body,
  });
}

const fetchAction = (body: string, type = `multipart/form-data; boundary=${BOUNDARY}`) =>
  post(body, { "next-action": ACTION, "content-type": type });
const formPost = (body: string) =>
  post(body, { "content-type": `multipart/form-data; boundary=${BOUNDARY}` });

/** The status the proxy answers with, or null when the request goes on to Next.js. */
async function statusOf(request: Request): Promise<number | null> {
  try {
    await checkServerActionRequest(request);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.status;
    throw error;
  }
}

/** The register form as Chromium sends it (captured), with field "0" replaced. */
function registerForm(root = '[{"status":"idle","errors":{}},"$K1"]'): string {
  return multipart([
    ["_1_$ACTION_REF_2", ""],
    ["_1_$ACTION_2:0", `{"id":"${ACTION}","bound":"$@1"}`],
    ["_1_$ACTION_2:1", '[{"status":"idle","errors":{}}]'],
    ["_1_$ACTION_KEY", "k4ad1286b9b8e4942571f64abed5bb882"],
    ["_1_email", "someone@example.test"],
    ["_1_password", "correct horse battery staple"],
    ["0", root],
  ]);
}

describe("hasUnusablePath", () => {
  it("flags a % that is no escape, or escapes that are not UTF-8", () => {
    expect(hasUnusablePath("http://h/api/practice/attempts/%ZZ/answers")).toBe(true);
    expect(hasUnusablePath("http://h/decks/%E0%A4%A")).toBe(true);
    expect(hasUnusablePath("http://h/decks/%C0%AF")).toBe(true);
  });

  it("flags a NUL anywhere in the path, which PostgreSQL cannot take as a parameter", () => {
    expect(hasUnusablePath("http://h/decks/%00")).toBe(true);
    expect(hasUnusablePath("http://h/classes/abc%00def/gradebook")).toBe(true);
  });

  it("passes valid escapes, and escapes in the query", () => {
    expect(hasUnusablePath("http://h/decks/%D0%BA%20x")).toBe(false);
    expect(hasUnusablePath("http://h/api/study?deck=%ZZ")).toBe(false);
    expect(hasUnusablePath("http://h/api/study?deck=%00")).toBe(false);
  });
});

describe("hasInvalidRouterState", () => {
  // As Chromium sent it on the register page.
  const TREE =
    "%5B%22%22%2C%7B%22children%22%3A%5B%22register%22%2C%7B%22children%22%3A%5B%22__PAGE__%22%2C%7B%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C0%5D%7D%2Cnull%2Cnull%2C16%5D";
  const invalid = (headers: Record<string, string>) => hasInvalidRouterState(new Headers(headers));

  it("accepts the browser's router state, and requests that are no navigation", () => {
    expect(invalid({ rsc: "1", "next-router-state-tree": TREE })).toBe(false);
    expect(invalid({ rsc: "1" })).toBe(false);
    expect(invalid({ "next-router-state-tree": "garbage" })).toBe(false);
  });

  it("flags a navigation whose router state does not parse", () => {
    expect(invalid({ rsc: "1", "next-router-state-tree": "" })).toBe(true);
    expect(invalid({ rsc: "1", "next-router-state-tree": "%5B%5D" })).toBe(true);
    expect(invalid({ rsc: "1", "next-router-state-tree": "%ZZ" })).toBe(true);
  });
});

describe("checkServerActionRequest", () => {
  it("lets through what the browser sends: a fetch action, a form posted without JavaScript", async () => {
    expect(await statusOf(fetchAction(registerForm()))).toBeNull();
    const withoutJs = multipart([
      ["$ACTION_REF_2", ""],
      ["$ACTION_2:0", `{"id":"${ACTION}","bound":"$@1"}`],
      ["$ACTION_2:1", '[{"status":"idle","errors":{}}]'],
      ["$ACTION_KEY", "k74a24ac9bbc10b3b8c067e59b709c1ef"],
      ["email", "someone@example.test"],
    ]);
    expect(await statusOf(formPost(withoutJs))).toBeNull();
    const unbound = multipart([
      [`$ACTION_ID_${ACTION}`, ""],
      ["locale", "en"],
    ]);
    expect(await statusOf(formPost(unbound))).toBeNull();
    // React's other encodings that cannot fail, and a JSON body of plain arguments.
    const plain = '["$$cash", "$undefined", "$-0", "$NaN", "$D2026-01-01", "$@1", {"a": ["$1"]}]';
    expect(
      await statusOf(
        fetchAction(
          multipart([
            ["1", "[1]"],
            ["0", plain],
          ]),
        ),
      ),
    ).toBeNull();
    expect(await statusOf(fetchAction("[1,2]", "text/plain;charset=UTF-8"))).toBeNull();
  });

  it("ignores what is no action: other methods, other bodies", async () => {
    expect(await statusOf(post("x", { "content-type": "text/plain" }))).toBeNull();
    const get = new Request("http://localhost/study", { headers: { "next-action": ACTION } });
    expect(await statusOf(get)).toBeNull();
  });

  it("refuses bodies Next.js cannot decode with 400", async () => {
    const refused = [
      fetchAction("garbage"),
      fetchAction(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[`),
      fetchAction(registerForm("[1,")),
      fetchAction(registerForm('{"not":"a list"}')),
      fetchAction(registerForm('["$@5"]')),
      fetchAction(registerForm('["$nxyz"]')),
      fetchAction(registerForm('["$h1"]')),
      fetchAction(registerForm('["$Q1"]')),
      fetchAction(registerForm("[" + "[".repeat(40) + "]".repeat(40) + "]")),
      fetchAction(
        multipart([
          ["1", '["$@0"]'],
          ["0", '["$@1"]'],
        ]),
      ),
      fetchAction(multipart([["1_email", "x"]])),
      fetchAction("[1,", "text/plain"),
      fetchAction('["$@1"]', "text/plain"),
      formPost("garbage"),
      formPost(
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", "{"],
        ]),
      ),
      formPost(
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${ACTION}"}`],
        ]),
      ),
      formPost(
        multipart([
          ["$ACTION_REF_1", ""],
          ["$ACTION_1:0", `{"id":"${ACTION}","bound":"$@1"}`],
          ["$ACTION_1:1", '"not a list"'],
        ]),
      ),
    ];
    for (const request of refused) expect(await statusOf(request)).toBe(400);
  });

  it("refuses a NUL character in a field or an argument with 400 (PostgreSQL's text cannot hold one)", async () => {
    const withNul = registerForm().replace("someone@example.test", "some\u0000one@example.test");
    expect(await statusOf(formPost(withNul))).toBe(400);
    expect(
      await statusOf(fetchAction(registerForm('[{"status":"idle","errors":{}},"a\\u0000b"]'))),
    ).toBe(400);
    expect(await statusOf(fetchAction(registerForm('[{"a\\u0000":1},"$K1"]')))).toBe(400);
    // The same requests without it go on to Next.js.
    expect(await statusOf(formPost(registerForm()))).toBeNull();
    expect(
      await statusOf(fetchAction(registerForm('[{"status":"idle","errors":{}},"ab"]'))),
    ).toBeNull();
  });

  it("refuses a post from another origin with 403, as Next.js would (with a 500)", async () => {
    const from = (origin: string, type = `multipart/form-data; boundary=${BOUNDARY}`) =>
      post(registerForm(), { "next-action": ACTION, "content-type": type, origin });
    expect(await statusOf(from("http://localhost:3000"))).toBeNull();
    expect(await statusOf(from("http://evil.example"))).toBe(403);
    expect(await statusOf(from(""))).toBe(403);
    expect(await statusOf(from("null"))).toBe(403);
    const urlEncoded = post("a=1", {
      "content-type": "application/x-www-form-urlencoded",
      origin: "http://evil.example",
    });
    expect(await statusOf(urlEncoded)).toBe(403);
  });

  it("refuses a body over 64 KB with 413, and a request Auth.js could not place with 400", async () => {
    const padded = registerForm().replace("someone@", `${"x".repeat(70_000)}@`);
    expect(await statusOf(fetchAction(padded))).toBe(413);
    const noOrigin = post(registerForm(), {
      "next-action": ACTION,
      "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      "x-forwarded-proto": "",
    });
    expect(await statusOf(noOrigin)).toBe(400);
  });
});

describe("hasUsableAuthOrigin", () => {
  const origin = (headers: Record<string, string>) => hasUsableAuthOrigin(new Headers(headers));

  it("accepts the Host alone, or what a proxy forwards", () => {
    expect(origin({ host: "localhost:3000" })).toBe(true);
    expect(
      origin({ host: "x", "x-forwarded-proto": "https", "x-forwarded-host": "a.example" }),
    ).toBe(true);
  });

  it("refuses forwarded values that make no URL", () => {
    expect(origin({ host: "localhost", "x-forwarded-proto": "" })).toBe(false);
    expect(origin({ host: "localhost", "x-forwarded-host": "" })).toBe(false);
    expect(origin({ host: "localhost", "x-forwarded-host": "a b" })).toBe(false);
    expect(origin({ host: "localhost", "x-forwarded-proto": "A" })).toBe(false);
  });

  it("refuses a host with credentials: Auth.js cannot build a Request from such a URL (found by fuzzing)", () => {
    expect(origin({ host: "localhost", "x-forwarded-host": '"å é@ägr' })).toBe(false);
    expect(origin({ host: "user:pass@localhost" })).toBe(false);
  });
});

describe("hasInvalidCallbackUrl", () => {
  const invalid = (url: string, cookie?: string) =>
    hasInvalidCallbackUrl(new URL(url), {
      get: (name) => (name === "authjs.callback-url" && cookie ? { value: cookie } : undefined),
    });

  it("accepts paths and http(s) URLs, in the query or the cookie", () => {
    expect(invalid("http://h/api/auth/signin?callbackUrl=%2Fstudy")).toBe(false);
    expect(invalid("http://h/api/auth/signin?callbackUrl=https%3A%2F%2Fa.example%2F")).toBe(false);
    expect(invalid("http://h/api/auth/session", "http://h/study")).toBe(false);
    expect(invalid("http://h/api/auth/session")).toBe(false);
  });

  it("flags what Auth.js would answer with 500", () => {
    expect(invalid("http://h/api/auth/signin?callbackUrl=abc")).toBe(true);
    expect(invalid("http://h/api/auth/signin?callbackUrl=javascript%3Aalert(1)")).toBe(true);
    expect(invalid("http://h/api/auth/session", "abc")).toBe(true);
  });
});
