import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "./fixtures";

/*
 * Server actions are forged the way an attacker would: the browser builds the request, which is
 * stopped before it leaves, then replayed with other cookies or another body.
 */

export interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Lets `submit` build a server-action request in the browser, and keeps it from leaving. */
export async function captureAction(
  page: Page,
  submit: () => Promise<void>,
): Promise<CapturedAction> {
  let captured: CapturedAction | undefined;
  await page.route("**/*", async (route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    if (request.method() !== "POST" || !headers["next-action"]) return route.continue();
    captured = { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await submit();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}

/** Sends a captured action with the cookies of `api` instead of the browser's. */
export async function replay(api: APIRequestContext, action: CapturedAction) {
  const headers = Object.fromEntries(
    Object.entries(action.headers).filter(
      ([name]) => !name.startsWith(":") && !["cookie", "content-length", "host"].includes(name),
    ),
  );
  const response = await api.post(action.url, { headers, data: action.body, maxRedirects: 0 });
  expect(response.status(), `${action.url} answered a forged action`).toBeLessThan(500);
  return response;
}
