import { expect, test } from "./fixtures";

test("the health check reports the database and version", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", db: "ok" });
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});

test("a visitor sees the app in Russian and can switch to English", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Контейнер или под?" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Разделы" });
  for (const name of ["Учить", "Тест", "Собеседование", "Колоды", "Статистика"]) {
    await expect(nav.getByRole("link", { name })).toBeVisible();
  }

  await page.getByRole("button", { name: /EN/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Container or pod?" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.reload();
  await expect(
    page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Stats" }),
  ).toBeVisible();
  await page.getByRole("button", { name: /RU/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Контейнер или под?" })).toBeVisible();
});

test("navigation marks the current section", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Статистика" }).click();
  await expect(page).toHaveURL(/\/stats$/);
  await expect(page.getByRole("link", { name: "Статистика" })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("pages send security headers", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBeTruthy();
});
