import { assignmentCard, createAssignment, fillAssignmentForm } from "./assignment-helpers";
import { becomeTeacher, joinByLink, newVisitor, registerNamed } from "./class-helpers";
import { expect, test } from "./fixtures";
import { answerAll } from "./practice-helpers";
import { answerCurrentCard } from "./study-helpers";
import { countRows, readValues } from "./test-database";

// Registers two accounts (argon2), builds a class with two assignments, and works through them.
test.describe.configure({ timeout: 180_000 });

const STUDY = "Сеть: выучить";
const TEST = "Сеть и изоляция: тест";

test("a teacher sets homework; a student and a guest do part of it from the buttons; the student view shows their progress", async ({
  browser,
  consoleErrors,
}) => {
  const teacher = await newVisitor(browser, consoleErrors);
  await registerNamed(teacher, "Анна Петровна");
  await becomeTeacher(teacher);
  await teacher.goto("/classes");
  await teacher.getByLabel("Название").fill("11 А");
  await teacher.getByLabel(/Часовой пояс для сроков/).fill("Europe/Moscow");
  await teacher.getByRole("button", { name: "Создать класс" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: "11 А" })).toBeVisible();
  const classId = new URL(teacher.url()).pathname.split("/").pop()!;
  const link = (await teacher.getByTestId("join-link").getAttribute("href"))!;
  await expect(teacher.getByText("Заданий пока нет.")).toBeVisible();

  // A mistake is named under its field, in the browser before any round trip.
  await teacher.getByRole("link", { name: "Новое задание" }).click();
  await expect(teacher.getByText("Даты — в часовом поясе класса: Europe/Moscow.")).toBeVisible();
  await fillAssignmentForm(teacher, {
    title: STUDY,
    type: "Выучить",
    aspects: ["Сетевое взаимодействие"],
    openAt: "2026-01-01T09:00",
    dueAt: "2025-12-31T09:00",
  });
  await teacher.getByRole("button", { name: "Создать задание" }).click();
  const dueField = teacher.getByLabel(/^Срок сдачи/);
  await expect(dueField).toHaveAttribute("aria-invalid", "true");
  await expect(teacher.getByText("Срок сдачи должен быть позже открытия.")).toBeVisible();
  await expect(dueField).toBeFocused();
  await dueField.fill("2030-01-15T21:00");
  await teacher.getByRole("button", { name: "Создать задание" }).click();
  await expect(teacher).toHaveURL(new RegExp(`/classes/${classId}#assignments-title$`));
  const studyRow = teacher.getByTestId("teacher-assignment").filter({ hasText: STUDY });
  await expect(studyRow).toContainText("Выучить: все вопросы");
  await expect(studyRow).toContainText("Сетевое взаимодействие");
  // 21:00 in Moscow, shown in the class's zone.
  await expect(studyRow).toContainText("15 янв. 2030 г., 21:00");

  await createAssignment(teacher, classId, {
    title: TEST,
    type: "Тест",
    aspects: ["Сетевое взаимодействие", "Изоляция"],
    count: "5",
    passMark: "60",
    openAt: "2026-01-01T09:00",
    dueAt: "2030-01-20T21:00",
  });

  // A student with an account, in Tokyo; a guest.
  const student = await newVisitor(browser, consoleErrors);
  await registerNamed(student, "Коля Смирнов");
  await student.goto("/account");
  const profile = student.locator("form#profile");
  await profile.getByLabel(/Часовой пояс/).fill("Asia/Tokyo");
  await profile.getByRole("button", { name: "Сохранить" }).click();
  await expect(profile.getByText("Сохранено.")).toBeVisible();
  await joinByLink(student, link, "11 А");
  const guest = await newVisitor(browser, consoleErrors);
  await joinByLink(guest, link, "11 А", "Гость Петров");

  // The student's view: both assignments, due dates in Tokyo (18:00 UTC is 03:00 the next day).
  await student.goto("/classes");
  const studyCard = assignmentCard(student, STUDY);
  await expect(studyCard).toContainText("Срок: 16 янв. 2030 г., 03:00");
  await expect(studyCard).toContainText(/сдать через [\d\s]+ дн/);
  const studyBar = studyCard.getByRole("progressbar", { name: `Прогресс: ${STUDY}` });
  await expect(studyBar).toHaveAttribute("aria-valuetext", "0 из 4 вопросов");
  await expect(studyBar).toHaveAttribute("aria-valuenow", "0");

  // The button opens exactly the assignment's queue: two networking questions answered Good.
  await studyCard.getByRole("link", { name: `Учить: ${STUDY}` }).click();
  await expect(student).toHaveURL(/\/study\?assignment=/);
  const goal = student.getByTestId("assignment-goal");
  await expect(goal).toHaveText(/0 из 4 вопросов/);
  const networkingPrompts = readValues<string>(
    `SELECT id AS value FROM "Question" WHERE "deckId" = 'containers-vs-pods.ru' AND aspect = 'networking' AND "retiredAt" IS NULL`,
  );
  for (let i = 0; i < 2; i++) await answerCurrentCard(student, "mouse", 3);
  await expect(goal).toHaveText(/2 из 4 вопросов/);
  const answered = readValues<string>(
    `SELECT r."questionId" AS value FROM "ReviewLog" r JOIN "Learner" l ON l.id = r."learnerId" JOIN "User" u ON u.id = l."userId" WHERE u.name = 'Коля Смирнов'`,
  );
  expect(answered).toHaveLength(2);
  for (const id of answered) expect(networkingPrompts).toContain(id);

  await student.goto("/classes");
  await expect(studyBar).toHaveAttribute("aria-valuetext", "2 из 4 вопросов");
  await expect(studyBar).toHaveAttribute("aria-valuenow", "50");
  await expect(studyCard.getByTestId("assignment-progress")).toHaveText("2 из 4 вопросов");

  // The guest takes the test from its button: 5 questions of networking and isolation.
  await guest.goto("/classes");
  const testCard = assignmentCard(guest, TEST);
  await expect(testCard).toContainText("Тест из 5 вопросов");
  await testCard.getByRole("button", { name: `Начать тест: ${TEST}` }).click();
  await expect(guest).toHaveURL(/\/practice\/[^/]+$/);
  const asked = await answerAll(guest, 5);
  for (const question of asked)
    expect(["Сетевое взаимодействие", "Изоляция"]).toContain(question.aspect);
  const percent = Number(
    ((await guest.getByTestId("practice-percent").textContent()) ?? "").replace("%", ""),
  );
  await guest.goto("/classes");
  const guestBar = testCard.getByRole("progressbar");
  const passed = percent >= 60;
  await expect(guestBar).toHaveAttribute(
    "aria-valuetext",
    `${passed ? "тест сдан" : "тест ещё не сдан"}, лучший результат ${percent} %`,
  );
  await expect(testCard.getByTestId("assignment-status")).toHaveText(
    passed ? "Сделано" : "Проходной балл не набран",
  );
  // The guest's own study progress is untouched by the student's work.
  await expect(assignmentCard(guest, STUDY).getByRole("progressbar")).toHaveAttribute(
    "aria-valuetext",
    "0 из 4 вопросов",
  );

  // The home page puts the nearest due open assignment first.
  await student.goto("/");
  const home = student.getByRole("region", { name: "Задания" });
  await expect(home.getByTestId("assignment").first()).toContainText(STUDY);
  await expect(home.getByTestId("assignment").nth(1)).toContainText(TEST);

  // The teacher edits the study assignment: what was done stays done.
  await teacher.goto(`/classes/${classId}`);
  await teacher.getByRole("link", { name: `Изменить: ${STUDY}` }).click();
  await expect(teacher.getByLabel(/^Срок сдачи/)).toHaveValue("2030-01-15T21:00");
  await teacher.locator("form#assignment").getByLabel("Название").fill("Сеть — до зимы");
  await teacher.getByRole("button", { name: "Сохранить задание" }).click();
  await expect(teacher).toHaveURL(new RegExp(`/classes/${classId}#assignments-title$`));
  await student.goto(`/classes/${classId}`);
  await expect(assignmentCard(student, "Сеть — до зимы").getByRole("progressbar")).toHaveAttribute(
    "aria-valuetext",
    "2 из 4 вопросов",
  );

  // Deleting the test asks first, then it is gone for students; their tests stay theirs.
  await teacher.getByRole("link", { name: `Изменить: ${TEST}` }).click();
  await teacher.getByRole("button", { name: "Удалить задание" }).click();
  await teacher.getByRole("dialog").getByRole("button", { name: "Удалить задание" }).click();
  await expect(teacher).toHaveURL(new RegExp(`/classes/${classId}#assignments-title$`));
  await expect(teacher.getByTestId("teacher-assignment")).toHaveCount(1);
  await guest.goto("/classes");
  await expect(assignmentCard(guest, TEST)).toHaveCount(0);
  expect(
    countRows(
      `SELECT count(*) AS n FROM "PracticeAttempt" p JOIN "Enrollment" e ON e."learnerId" = p."learnerId" WHERE e."classId" = ? AND e."displayName" = 'Гость Петров'`,
      classId,
    ),
  ).toBe(1);
});
