import { expect, test } from "./fixtures";

test("the shell fits a phone screen without sideways scrolling", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("navigation", { name: "Разделы" })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole("link", { name: "Начать без аккаунта" })).toBeVisible();
});
