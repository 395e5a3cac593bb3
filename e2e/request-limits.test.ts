import type { Page } from "@playwright/test";
import { newEmail, register } from "./account-helpers";
import { expect, test } from "./fixtures";
import { captureAction, type CapturedAction } from "./server-actions";
import { readValue } from "./test-database";

/*
 * Bodies are capped everywhere: JSON routes at 64 KB (the memory test with 20 x 100 MB bodies is
 * tests/integration/request-limits.test.ts), Auth.js's POSTs likewise, server actions at 64 KB.
 */

const nameOf = (email: string) =>
  readValue<string | null>(`SELECT name AS value FROM "User" WHERE email = ?`, email);

/** The profile form's server action as the browser builds it, kept from leaving. */
async function captureProfileAction(page: Page, name: string): Promise<CapturedAction> {
  await page.goto("/account");
  await page.locator("form#profile").getByLabel("Имя").fill(name);
  return captureAction(page, () =>
    page.locator("form#profile").getByRole("button", { name: "Сохранить" }).click(),
  );
}

function padded(action: CapturedAction, bytes: number): Buffer {
  const boundary = /boundary=(.+)$/.exec(action.headers["content-type"] ?? "")?.[1];
  expect(boundary, "the profile action posts multipart/form-data").toBeTruthy();
  const end = action.body.lastIndexOf(`--${boundary}--`);
  const pad = `--${boundary}\r\nContent-Disposition: form-data; name="pad"\r\n\r\n${"x".repeat(bytes)}\r\n`;
  return Buffer.concat([action.body.subarray(0, end), Buffer.from(pad), action.body.subarray(end)]);
}

test("a server action body over 64 KB is refused; the same action under it works", async ({
  context,
}) => {
  // Its own tab: the capture aborts the browser's request, which that tab logs as an error.
  const page = await context.newPage();
  const email = newEmail();
  await register(page, email);
  const action = await captureProfileAction(page, "Padded");
  const send = (body: Buffer) =>
    page.request.post(action.url, {
      headers: Object.fromEntries(
        Object.entries(action.headers).filter(
          ([name]) => !name.startsWith(":") && !["cookie", "content-length", "host"].includes(name),
        ),
      ),
      data: body,
      maxRedirects: 0,
    });

  // proxy.ts refuses it before Next.js reads it (which would answer a fetch action with 500).
  const refused = await send(padded(action, 70 * 1024));
  expect(refused.status()).toBe(413);
  expect(nameOf(email)).toBeNull();

  const accepted = await send(padded(action, 30 * 1024));
  expect(accepted.status()).toBeLessThan(400);
  expect(nameOf(email)).toBe("Padded");
});

test("JSON routes and Auth.js answer 413 to a body over 64 KB", async ({ request }) => {
  const big = "x".repeat(65 * 1024);
  const json = await request.post("/api/study/answers", {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ pad: big }),
  });
  expect(json.status()).toBe(413);
  expect(await json.json()).toMatchObject({ error: "payload_too_large" });

  const signIn = await request.post("/api/auth/callback/credentials", {
    form: { email: "someone@example.test", password: big },
    maxRedirects: 0,
  });
  expect(signIn.status()).toBe(413);
});
