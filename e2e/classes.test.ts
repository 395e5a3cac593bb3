import type { Page } from "@playwright/test";
import {
  becomeTeacher,
  createClass,
  joinByLink,
  newVisitor,
  randomJoinCode,
  readJoinCode,
  registerNamed,
} from "./class-helpers";
import { expect, test } from "./fixtures";
import { countRows, readValue } from "./test-database";

/** Types a code at /join and looks it up. */
async function typeCode(page: Page, code: string) {
  await page.goto("/join");
  await page.getByLabel("Код класса").fill(code);
  await page.getByRole("button", { name: "Найти класс" }).click();
}

const rosterRows = (page: Page) => page.locator(".roster-table tbody tr");

// Each story registers two or three accounts (argon2) and walks several pages.
test.describe.configure({ timeout: 120_000 });

test("a teacher creates a class; a student joins by link, a guest by typed code; a removed student loses it", async ({
  browser,
  consoleErrors,
}) => {
  const teacher = await newVisitor(browser, consoleErrors);
  await registerNamed(teacher, "Мария Ивановна");
  await becomeTeacher(teacher);
  const { classId, code, link } = await createClass(
    teacher,
    "10 Б — контейнеры",
    "Домашние задания по Kubernetes",
  );
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  expect(link).toBe(`/join/${code}`);
  await expect(teacher.getByText("Вступление открыто.")).toBeVisible();
  await expect(teacher.getByText("Пока никого. Дайте ученикам код или ссылку.")).toBeVisible();

  // A student with an account follows the link: the class and its teacher, then Join.
  const student = await newVisitor(browser, consoleErrors);
  await registerNamed(student, "Петя Сидоров");
  await student.goto(link);
  await expect(student.getByRole("heading", { level: 2, name: "10 Б — контейнеры" })).toBeVisible();
  await expect(student.getByText("Преподаватель: Мария Ивановна")).toBeVisible();
  await expect(student.getByLabel(/Имя в классе/)).toHaveValue("Петя Сидоров");
  await student.getByRole("button", { name: "Вступить" }).click();
  await expect(student).toHaveURL(new RegExp(`/classes/${classId}$`));
  await expect(student.getByRole("heading", { level: 1, name: "10 Б — контейнеры" })).toBeVisible();
  // Joining twice does nothing: the link now says so.
  await student.goto(link);
  await expect(student.getByText("Вы уже в этом классе.")).toBeVisible();

  // A guest types the code the way it was read out: lower case, a space instead of the dash.
  const guest = await newVisitor(browser, consoleErrors);
  await typeCode(guest, code.toLowerCase().replace("-", " "));
  await expect(guest.getByRole("heading", { level: 2, name: "10 Б — контейнеры" })).toBeVisible();
  await guest.getByRole("button", { name: "Вступить" }).click();
  await expect(guest.getByText("Введите имя, чтобы преподаватель вас узнал.")).toBeVisible();
  await guest.getByLabel("Ваше имя — его увидит преподаватель").fill("Аня");
  await guest.getByRole("button", { name: "Вступить" }).click();
  await expect(guest).toHaveURL(new RegExp(`/classes/${classId}$`));
  await expect(guest.getByText("Преподаватель видит вас как «Аня».")).toBeVisible();
  await guest.goto("/classes");
  await expect(guest.getByRole("link", { name: "10 Б — контейнеры" })).toBeVisible();

  // The teacher sees both on the roster, the guest marked as one.
  await teacher.reload();
  await expect(rosterRows(teacher)).toHaveCount(2);
  await expect(rosterRows(teacher).nth(0)).toContainText("Аня");
  await expect(rosterRows(teacher).nth(0)).toContainText("гость");
  await expect(rosterRows(teacher).nth(1)).toContainText("Петя Сидоров");
  expect(countRows(`SELECT count(*) AS n FROM "Enrollment" WHERE "classId" = ?`, classId)).toBe(2);

  // Removing asks first; Cancel keeps the student.
  await teacher.getByRole("button", { name: "Исключить: Аня" }).click();
  const dialog = teacher.getByRole("dialog", { name: "Исключить Аня из класса?" });
  await expect(dialog).toContainText("Прогресс ученика останется у него.");
  await dialog.getByRole("button", { name: "Отмена" }).click();
  await expect(dialog).toBeHidden();
  await expect(rosterRows(teacher)).toHaveCount(2);
  await teacher.getByRole("button", { name: "Исключить: Аня" }).click();
  await dialog.getByRole("button", { name: "Исключить" }).click();
  await expect(rosterRows(teacher)).toHaveCount(1);
  await expect(rosterRows(teacher)).toContainText("Петя Сидоров");

  // The removed guest: the class page is a 404, the list no longer has it.
  const response = await guest.goto(`/classes/${classId}`);
  expect(response?.status()).toBe(404);
  expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("404")]);
  await guest.goto("/classes");
  await expect(guest.getByText("Вы пока не состоите ни в одном классе.")).toBeVisible();
  // Progress and learner are the guest's own and stay.
  const guestLearner = readValue<string>(
    `SELECT "learnerId" AS value FROM "Enrollment" WHERE "classId" = ?`,
    classId,
  );
  expect(countRows(`SELECT count(*) AS n FROM "Learner" WHERE id = ?`, guestLearner)).toBe(1);

  // The student leaves on their own.
  await student.goto("/classes");
  await student.getByRole("button", { name: "Выйти из класса: 10 Б — контейнеры" }).click();
  await student
    .getByRole("dialog", { name: "Выйти из класса «10 Б — контейнеры»?" })
    .getByRole("button", { name: "Выйти из класса" })
    .click();
  await expect(student.getByText("Вы пока не состоите ни в одном классе.")).toBeVisible();
  expect(countRows(`SELECT count(*) AS n FROM "Enrollment" WHERE "classId" = ?`, classId)).toBe(0);
});

test("wrong, malformed, regenerated and closed codes say so clearly", async ({
  browser,
  consoleErrors,
}) => {
  const teacher = await newVisitor(browser, consoleErrors);
  await registerNamed(teacher, "Олег Петрович");
  await becomeTeacher(teacher);
  const first = await createClass(teacher, "DevOps вечерний");

  const student = await newVisitor(browser, consoleErrors);
  await typeCode(student, "K7QD-M3X0");
  await expect(student.getByRole("main").getByRole("alert")).toHaveText(
    "Код — это 8 знаков, например K7QD-M3XR. Проверьте его.",
  );
  await typeCode(student, randomJoinCode());
  await expect(student.getByRole("main").getByRole("alert")).toContainText(
    "Класса с таким кодом нет.",
  );

  // A new code: the old link stops working, the new one works.
  await teacher.getByRole("button", { name: "Выдать новый код" }).click();
  const confirm = teacher.getByRole("dialog", { name: "Выдать новый код?" });
  await expect(confirm).toContainText("Старый код и ссылка сразу перестанут работать.");
  await confirm.getByRole("button", { name: "Выдать новый код" }).click();
  await expect(teacher.getByTestId("join-code")).not.toHaveText(first.code);
  const second = await readJoinCode(teacher);
  await student.goto(first.link);
  await expect(student.getByRole("main").getByRole("alert")).toContainText(
    "Класса с таким кодом нет.",
  );

  // Joining closed: the new link says so; opened again, it works.
  await teacher.getByRole("button", { name: "Закрыть вступление" }).click();
  await expect(teacher.getByText("Вступление закрыто: по коду никто не вступит.")).toBeVisible();
  await student.goto(second.link);
  await expect(student.getByRole("main").getByRole("alert")).toHaveText(
    "Преподаватель закрыл вступление в этот класс. Попросите его открыть вступление.",
  );
  await teacher.getByRole("button", { name: "Открыть вступление" }).click();
  await expect(teacher.getByText("Вступление открыто.")).toBeVisible();
  await joinByLink(student, second.link, "DevOps вечерний", "Студент");

  // The teacher's own link explains itself instead of enrolling them.
  await teacher.goto(second.link);
  await expect(teacher.getByRole("main").getByRole("alert")).toHaveText(
    "Это ваш класс: ученики вступают в него по этому коду.",
  );

  // Archived: takes nobody new, the student still sees it marked.
  await teacher.goto(`/classes/${second.classId}`);
  await teacher.getByRole("button", { name: "Отправить в архив" }).click();
  await expect(teacher.getByRole("button", { name: "Вернуть из архива" })).toBeVisible();
  const late = await newVisitor(browser, consoleErrors);
  await late.goto(second.link);
  await expect(late.getByRole("main").getByRole("alert")).toHaveText(
    "Этот класс в архиве и не принимает новых учеников.",
  );
  await student.goto(`/classes/${second.classId}`);
  await expect(
    student.getByText("Класс в архиве: преподаватель закончил его вести."),
  ).toBeVisible();

  // Deleting asks first; then the class is gone for the teacher and the student alike.
  await teacher.getByRole("button", { name: "Удалить класс" }).click();
  const deleteDialog = teacher.getByRole("dialog");
  await expect(deleteDialog).toContainText("Удалить класс «DevOps вечерний» навсегда?");
  await deleteDialog.getByRole("button", { name: "Удалить класс" }).click();
  await expect(teacher).toHaveURL(/\/classes$/);
  await expect(teacher.getByRole("link", { name: "DevOps вечерний" })).toHaveCount(0);
  await student.goto("/classes");
  await expect(student.getByText("DevOps вечерний")).toHaveCount(0);

  // Every refusal above was a 4xx the browser logged, and nothing else.
  const logged = consoleErrors.splice(0);
  expect(logged.map((line) => line.match(/status of (\d+)/)?.[1])).toEqual([
    "404",
    "404",
    "409",
    "409",
    "409",
  ]);
});

test("past 20 wrong codes from one address, /join says how long to wait", async ({
  browser,
  consoleErrors,
}) => {
  const teacher = await newVisitor(browser, consoleErrors);
  await registerNamed(teacher, "Анна Сергеевна");
  await becomeTeacher(teacher);
  const { code, link } = await createClass(teacher, "Лимит");

  const guesser = await newVisitor(browser, consoleErrors);
  for (let i = 0; i < 20; i++) {
    const response = await guesser.request.get(`/api/join/${randomJoinCode()}`);
    expect(response.status()).toBe(404);
  }
  const refused = await guesser.request.get(`/api/join/${code}`);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(590);
  expect((await refused.json()).error).toBe("rate_limited");

  // Even the right code, by link, is refused with a clear message while the limit lasts.
  await guesser.goto(link);
  await expect(guesser.getByRole("main").getByRole("alert")).toHaveText(
    /^Слишком много неверных кодов с этого адреса\. Попробуйте через (9|10) мин\.$/,
  );
  expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("429")]);

  // Another address is not affected.
  const classmate = await newVisitor(browser, consoleErrors);
  await joinByLink(classmate, link, "Лимит", "Одноклассник");
});
