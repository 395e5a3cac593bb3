import fs from "node:fs";
import { newEmail, register } from "./account-helpers";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const SEED = fs.readFileSync("data/sources/containers-vs-pods.en.md", "utf8");
const PREVIEW = "Preview the deck";

/** A new account (the sign-up form speaks Russian), then the app in English. */
async function registerInEnglish(page: Page) {
  await register(page, newEmail());
  await page.context().addCookies([{ name: "lang", value: "en", url: "http://localhost" }]);
}

test("an author pastes a document with an error, goes to its line, fixes it and sees the deck", async ({
  page,
}) => {
  await page.goto("/decks/new");
  await expect(page, "signed-in users only").toHaveURL(
    /\/login\?next=%2Fdecks%2Fnew|\/login\?next=\/decks\/new/,
  );
  await registerInEnglish(page);
  await page.goto("/decks");
  await page.getByRole("link", { name: "Your own deck from a document" }).click();
  await expect(page).toHaveURL(/\/decks\/new$/);

  // An aspect given twice for one concept: the parser says where.
  const lines = SEED.split("\n");
  const isolation = lines.findIndex((l) => l.startsWith("- **Isolation:**"));
  const broken = [
    ...lines.slice(0, isolation + 1),
    lines[isolation],
    ...lines.slice(isolation + 1),
  ].join("\n");
  const area = page.getByLabel("Document (markdown)");
  await area.fill(broken);
  await page.getByRole("button", { name: PREVIEW }).click();
  const problems = page.getByTestId("document-problems");
  await expect(problems).toBeVisible();
  const lineButton = problems.getByRole("button", { name: /^Line \d+$/ }).first();
  const line = Number((await lineButton.textContent())!.replace(/\D/g, ""));
  await lineButton.click();
  // The text area has the focus, with that line selected.
  const selected = await area.evaluate((el: HTMLTextAreaElement) =>
    el.value.slice(el.selectionStart, el.selectionEnd),
  );
  expect(selected).toBe(broken.split("\n")[line - 1]);
  await expect(area).toBeFocused();

  await area.fill(SEED);
  await page.getByRole("button", { name: PREVIEW }).click();
  const preview = page.getByTestId("deck-preview");
  await expect(preview).toContainText("Container");
  await expect(preview).toContainText("Pod");
  await expect(problems).toHaveCount(0);
  // One sample per kind, each with the line it cites.
  const samples = preview.locator(".preview-samples > li");
  expect(await samples.count()).toBeGreaterThan(3);
  await expect(samples.first().getByRole("button", { name: /^Source, line \d+$/ })).toBeVisible();
});

test("an uploaded file in another encoding, a binary and an oversized file each get a clear message", async ({
  page,
}) => {
  await registerInEnglish(page);
  await page.goto("/decks/new");
  const file = page.getByLabel("Upload a file");

  await file.setInputFiles({
    name: "latin1.md",
    mimeType: "text/markdown",
    buffer: Buffer.from("# Containers\n\nCaf\u00e9 culture\n", "latin1"),
  });
  const problems = page.getByTestId("document-problems");
  await expect(problems).toContainText("not UTF-8 text (invalid byte 0xe9");
  await expect(problems.getByRole("button", { name: "Line 3" })).toBeVisible();

  await file.setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("# A\n\nbinary\u0000\u0001\n"),
  });
  await expect(problems).toContainText("NUL bytes");

  await file.setInputFiles({
    name: "logo.png",
    mimeType: "image/png",
    buffer: Buffer.from([0x89]),
  });
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Upload a text file");

  await file.setInputFiles({
    name: "huge.md",
    mimeType: "text/markdown",
    buffer: Buffer.alloc(300 * 1024, "a"),
  });
  await expect(page.getByRole("main").getByRole("alert")).toContainText("over 256 KB");

  // A CRLF file with a BOM is fine.
  await file.setInputFiles({
    name: "windows.md",
    mimeType: "text/markdown",
    buffer: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(SEED.replace(/\n/g, "\r\n")),
    ]),
  });
  await expect(page.getByTestId("deck-preview")).toContainText("Container");
});

test("the preview route refuses what it must: 413 over 256 KB unread, 415 for a form, 403 cross-site", async ({
  page,
}) => {
  await registerInEnglish(page);
  const api = page.context().request;
  const big = await api.post("/api/decks/preview", {
    headers: { "content-type": "text/markdown" },
    data: Buffer.alloc(256 * 1024 + 1, "a"),
  });
  expect(big.status()).toBe(413);
  const form = await api.post("/api/decks/preview", { form: { markdown: SEED } });
  expect(form.status()).toBe(415);
  const crossSite = await api.post("/api/decks/preview", {
    headers: { "content-type": "text/markdown", origin: "http://evil.example" },
    data: SEED,
  });
  expect(crossSite.status()).toBe(403);
  const ok = await api.post("/api/decks/preview", {
    headers: { "content-type": "text/markdown" },
    data: SEED,
  });
  expect(ok.status()).toBe(200);
});

test("a Russian reader sees the parser's problem in Russian, with its line", async ({ page }) => {
  await register(page, newEmail());
  await page.goto("/decks/new");
  const lines = SEED.split("\n");
  const isolation = lines.findIndex((l) => l.startsWith("- **Isolation:**"));
  const broken = [
    ...lines.slice(0, isolation + 1),
    lines[isolation],
    ...lines.slice(isolation + 1),
  ];
  await page.getByLabel("Документ (markdown)").fill(broken.join("\n"));
  await page.getByRole("button", { name: "Показать, что получится" }).click();
  const problem = page.getByTestId("document-problems").getByRole("listitem").first();
  // The same problem the CLI reports (code, names, lines), worded in the reader's language.
  await expect(problem).toHaveText(
    `Строка ${isolation + 2}: аспект «Isolation» понятия «Container» указан дважды (впервые — в строке ${isolation + 1})`,
  );
});
