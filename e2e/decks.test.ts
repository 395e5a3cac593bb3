import { expect, test } from "./fixtures";

test("the decks page lists both generated decks with their questions per kind", async ({
  page,
}) => {
  await page.goto("/decks");
  await expect(page.getByRole("heading", { level: 1, name: "Колоды" })).toBeVisible();
  const ru = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Контейнер vs Под" }) });
  const en = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Container vs Pod" }) });
  await expect(ru).toContainText("Язык: Русский");
  await expect(en).toContainText("Язык: English");
  for (const kind of [
    "Определение",
    "Какое понятие?",
    "Верно или нет",
    "Пропуск",
    "Сценарий",
    "Объясните",
  ]) {
    await expect(ru.getByRole("rowheader", { name: kind })).toBeVisible();
  }
});

test("a deck shows its questions by aspect with source quotes, and the document safely rendered", async ({
  page,
}) => {
  await page.goto("/decks");
  await page.getByRole("link", { name: "Контейнер vs Под" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Контейнер vs Под" })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 3, name: /Сетевое взаимодействие/ }),
  ).toBeVisible();
  const first = page.locator(".question-list details").first();
  await first.locator("summary").click();
  await expect(first.locator("blockquote")).toContainText("строка");
  const source = page.locator(".source-document");
  await expect(source.getByRole("heading", { name: "Основные различия:" })).toBeVisible();
  await expect(source.locator("code", { hasText: "localhost" }).first()).toBeVisible();
});

test("an unknown deck is a 404", async ({ page, consoleErrors }) => {
  const response = await page.goto("/decks/no-such-deck");
  expect(response?.status()).toBe(404);
  // The browser logs the 404 we asked for; nothing else may be logged.
  expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("404")]);
});

// No id holds a NUL, and PostgreSQL refuses one as a parameter: a page that read it was a 500
// there (found by the fuzzer on PostgreSQL). Both databases answer 400 before any read.
test("a path with a NUL character is a 400 on pages, posts and routes", async ({ request }) => {
  for (const path of ["/decks/%00", "/decks/containers-vs-pods.ru%00", "/api/decks/%00/export"]) {
    expect((await request.get(path)).status(), `GET ${path}`).toBe(400);
  }
  const posted = await request.post("/decks/%00", {
    data: "x",
    headers: { "content-type": "application/json" },
  });
  expect(posted.status(), "POST /decks/%00").toBe(400);
});
