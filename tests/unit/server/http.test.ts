import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  BadRequestError,
  DomainError,
  PayloadTooLargeError,
  RateLimitedError,
} from "@/lib/server/errors";
import { DEFAULT_MAX_BODY_BYTES, parseJsonBody, toErrorResponse } from "@/lib/server/http";

const Schema = z.object({ n: z.number() });
const URL_ = "http://localhost:3000/api/study/answers";
const JSON_TYPE = { "content-type": "application/json" };

/**
 * A 1 MB body in 16 KB chunks that records how much of it was pulled and whether it was
 * cancelled. Finite, so a reader that ignores the cap fails the test instead of hanging it.
 */
function bigBody() {
  const chunk = new Uint8Array(16 * 1024).fill(0x20);
  const seen = { pulledBytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulledBytes >= 1024 * 1024) return controller.close();
        seen.pulledBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function post(body: BodyInit | null, headers: Record<string, string> = JSON_TYPE) {
  return new Request(URL_, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

/** The status and code the route would answer with. */
async function refusal(promise: Promise<unknown>): Promise<[number, string]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const response = toErrorResponse(error);
  const body = (await response.json()) as { error: string };
  return [response.status, body.error];
}

describe("parseJsonBody: size", () => {
  it("accepts a body at the cap and returns the parsed value", async () => {
    const json = JSON.stringify({ n: 1 });
    const padded = json.padEnd(DEFAULT_MAX_BODY_BYTES, " ");
    await expect(parseJsonBody(post(padded), Schema)).resolves.toEqual({ n: 1 });
  });

  it("refuses a declared Content-Length over the cap without reading a byte", async () => {
    const { stream, seen } = bigBody();
    const request = post(stream, { ...JSON_TYPE, "content-length": String(100 * 1024 * 1024) });
    expect(await refusal(parseJsonBody(request, Schema))).toEqual([413, "payload_too_large"]);
    expect(seen.pulledBytes).toBe(0);
  });

  it("refuses a chunked body once it passes the cap, and stops reading it", async () => {
    const { stream, seen } = bigBody();
    expect(await refusal(parseJsonBody(post(stream), Schema))).toEqual([413, "payload_too_large"]);
    expect(seen.pulledBytes).toBeGreaterThan(DEFAULT_MAX_BODY_BYTES);
    expect(seen.pulledBytes).toBeLessThanOrEqual(DEFAULT_MAX_BODY_BYTES + 2 * 16 * 1024);
    expect(seen.cancelled).toBe(true);
  });

  it("takes a route's own cap", async () => {
    const body = JSON.stringify({ n: 1 }).padEnd(2048, " ");
    expect(await refusal(parseJsonBody(post(body), Schema, { maxBytes: 1024 }))).toEqual([
      413,
      "payload_too_large",
    ]);
    await expect(parseJsonBody(post(body), Schema, { maxBytes: 4096 })).resolves.toEqual({ n: 1 });
  });

  it("closes the connection after a 413, so the unread rest is never waited for", () => {
    const response = toErrorResponse(new PayloadTooLargeError(1024));
    expect(response.status).toBe(413);
    expect(response.headers.get("connection")).toBe("close");
    expect(toErrorResponse(new BadRequestError("x")).headers.get("connection")).toBeNull();
  });
});

describe("parseJsonBody: content", () => {
  it("answers 400 to malformed JSON, invalid UTF-8 and a failed schema", async () => {
    expect(await refusal(parseJsonBody(post("{"), Schema))).toEqual([400, "bad_request"]);
    expect(await refusal(parseJsonBody(post(new Uint8Array([0x22, 0xff, 0x22])), Schema))).toEqual([
      400,
      "bad_request",
    ]);
    expect(await refusal(parseJsonBody(post('{"n":"one"}'), Schema))).toEqual([400, "bad_request"]);
  });

  it("answers 400 to a NUL character in any string or key (PostgreSQL's text cannot hold it)", async () => {
    const Text = z.object({ text: z.string() }).passthrough();
    for (const body of [
      '{"text":"a\\u0000b"}',
      '{"text":"a","x":["\\u0000"]}',
      '{"text":"","\\u0000":1}',
    ]) {
      expect(await refusal(parseJsonBody(post(body), Text)), body).toEqual([400, "bad_request"]);
    }
    // An escaped backslash followed by "u0000" is text, not a NUL.
    await expect(parseJsonBody(post('{"text":"\\\\u0000"}'), Text)).resolves.toEqual({
      text: "\\u0000",
    });
  });

  it("answers 415 to any media type but application/json, before reading the body", async () => {
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data"]) {
      const { stream, seen } = bigBody();
      const request = post(stream, { "content-type": type });
      expect(await refusal(parseJsonBody(request, Schema))).toEqual([
        415,
        "unsupported_media_type",
      ]);
      expect(seen.pulledBytes).toBe(0);
    }
    expect(await refusal(parseJsonBody(post('{"n":1}', {}), Schema))).toEqual([
      415,
      "unsupported_media_type",
    ]);
  });

  it("accepts application/json with parameters, in any case", async () => {
    const request = post('{"n":2}', { "content-type": "Application/JSON; charset=utf-8" });
    await expect(parseJsonBody(request, Schema)).resolves.toEqual({ n: 2 });
  });
});

describe("parseJsonBody: cross-site requests", () => {
  const body = '{"n":3}';
  const withHeaders = (headers: Record<string, string>) =>
    post(body, { ...JSON_TYPE, host: "localhost:3000", ...headers });

  it.each([
    ["another origin", { origin: "http://evil.example" }],
    ["the same host on another port", { origin: "http://localhost:4000" }],
    ["an opaque origin", { origin: "null" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    [
      "a matching Origin but Sec-Fetch-Site: cross-site",
      { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" },
    ],
  ])("refuses %s with 403", async (_name, headers) => {
    expect(await refusal(parseJsonBody(withHeaders(headers), Schema))).toEqual([403, "forbidden"]);
  });

  it("refuses a cross-site form post with 403, whatever its media type", async () => {
    const request = post("n=1", {
      "content-type": "application/x-www-form-urlencoded",
      host: "localhost:3000",
      origin: "http://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(await refusal(parseJsonBody(request, Schema))).toEqual([403, "forbidden"]);
  });

  it.each([
    ["no Origin and no Sec-Fetch-Site (curl)", {}],
    ["the page's own origin", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }],
    ["a user-initiated request", { "sec-fetch-site": "none" }],
    [
      "the public host behind a proxy",
      { origin: "https://poddeck.example", "x-forwarded-host": "poddeck.example" },
    ],
  ])("accepts %s", async (_name, headers) => {
    await expect(parseJsonBody(withHeaders(headers), Schema)).resolves.toEqual({ n: 3 });
  });
});

describe("toErrorResponse: rate limits", () => {
  it("answers 429 with Retry-After and names the limit, so the page can say which", async () => {
    const response = toErrorResponse(
      new RateLimitedError("too many answers", 42, "study-answers:learner"),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("42");
    expect(await response.json()).toEqual({
      error: "rate_limited",
      message: "too many answers",
      limit: "study-answers:learner",
    });
  });
});
