import type { Page } from "@playwright/test";
import { newEmail, register } from "./account-helpers";
import { becomeTeacher, createClass } from "./class-helpers";
import { expect, test } from "./fixtures";

const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe.configure({ timeout: 120_000 });

test("class pages fit a phone screen: the teacher's with its code and roster, the student's", async ({
  page,
  browser,
}) => {
  await register(page, newEmail());
  await becomeTeacher(page);
  const long = "Очень длинное название класса про контейнеры и поды Kubernetes";
  const { classId, link } = await createClass(page, long, "Описание ".repeat(20));

  const context = await browser.newContext({ viewport: page.viewportSize(), isMobile: true });
  const student = await context.newPage();
  await student.goto(link);
  await expect(student.getByRole("button", { name: "Вступить" })).toBeVisible();
  expect(await sidewaysOverflow(student)).toBeLessThanOrEqual(0);
  await student.getByLabel("Ваше имя — его увидит преподаватель").fill("Александра Константиновна");
  await student.getByRole("button", { name: "Вступить" }).click();
  await expect(student).toHaveURL(new RegExp(`/classes/${classId}$`));
  expect(await sidewaysOverflow(student)).toBeLessThanOrEqual(0);
  await student.goto("/classes");
  await expect(student.getByRole("button", { name: /Выйти из класса/ })).toBeVisible();
  expect(await sidewaysOverflow(student)).toBeLessThanOrEqual(0);
  await context.close();

  await page.reload();
  await expect(page.locator(".roster-table")).toContainText("Александра Константиновна");
  // The code stays readable at phone width: big, on one line.
  const code = page.getByTestId("join-code");
  const box = (await code.boundingBox())!;
  const lineHeight = await code.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect(box.height).toBeLessThan(lineHeight * 1.5);
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  // The remove button is a comfortable touch target.
  const remove = (await page.getByRole("button", { name: /^Исключить:/ }).boundingBox())!;
  expect(remove.height).toBeGreaterThanOrEqual(32);
});
