import type { Page } from "@playwright/test";
import { assignmentCard, createAssignment } from "./assignment-helpers";
import { becomeTeacher, createClass, registerNamed } from "./class-helpers";
import { expect, test } from "./fixtures";

const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

test.describe.configure({ timeout: 120_000 });

test("a student's assignments fit a phone screen: due dates, progress bars and buttons", async ({
  page,
  browser,
}) => {
  await registerNamed(page, "Учитель");
  await becomeTeacher(page);
  const { classId, link } = await createClass(page, "Класс на телефоне");
  const long = "Очень длинное название задания про сетевое взаимодействие контейнеров и подов";
  await createAssignment(page, classId, {
    title: long,
    type: "Тест",
    count: "10",
    passMark: "70",
    openAt: "2026-01-01T09:00",
    dueAt: "2030-01-01T09:00",
  });
  await createAssignment(page, classId, {
    title: "Собеседование",
    type: "Собеседование",
    count: "3",
    openAt: "2026-01-01T09:00",
    dueAt: "2030-02-01T09:00",
  });
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  await page.getByRole("link", { name: "Новое задание" }).click();
  await expect(page.getByRole("button", { name: "Создать задание" })).toBeVisible();
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

  const context = await browser.newContext({ viewport: page.viewportSize(), isMobile: true });
  const student = await context.newPage();
  await student.goto(link);
  await student.getByLabel("Ваше имя — его увидит преподаватель").fill("Ученик с телефона");
  await student.getByRole("button", { name: "Вступить" }).click();
  await expect(student).toHaveURL(new RegExp(`/classes/${classId}$`));
  for (const path of [`/classes/${classId}`, "/classes", "/"]) {
    await student.goto(path);
    const card = assignmentCard(student, long);
    await expect(card).toBeVisible();
    expect(await sidewaysOverflow(student), path).toBeLessThanOrEqual(0);
    // The bar spans the card, the button is a comfortable touch target inside the screen.
    const [bar, box] = await Promise.all([
      card.getByRole("progressbar").boundingBox(),
      card.boundingBox(),
    ]);
    expect(bar!.width).toBeGreaterThan(box!.width * 0.7);
    const button = (await card
      .getByRole("button", { name: `Начать тест: ${long}` })
      .boundingBox())!;
    expect(button.height).toBeGreaterThanOrEqual(32);
    expect(button.x + button.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  }
  await context.close();
});
