import fs from "node:fs";
import type { Page } from "@playwright/test";
import { assignmentCard, createAssignment } from "./assignment-helpers";
import { becomeTeacher, joinByLink, newVisitor, registerNamed } from "./class-helpers";
import { expect, test } from "./fixtures";
import { answerAll } from "./practice-helpers";
import { answerCurrentCard } from "./study-helpers";
import { readValue } from "./test-database";

/*
 * A whole homework cycle in the browser: a teacher sets a study and a practice assignment, a
 * guest (by the link) and an account (typing the code) do part of it, the teacher reads the
 * dashboard and downloads the gradebook, then removes a student, who loses the class.
 */

// Registers two accounts (argon2), answers cards and a test, downloads a file.
test.describe.configure({ timeout: 240_000 });

const CLASS = "9 Б — поды";
const STUDY = "Сеть: выучить";
const TEST = "Тест по колоде";
const HOUR = 3_600_000;

/** "YYYY-MM-DDTHH:mm" in Moscow (UTC+3 all year), what the assignment form takes. */
function moscowLocal(instant: number): string {
  return new Date(instant + 3 * HOUR).toISOString().slice(0, 16);
}

/** Our CSV: BOM, CRLF, quoted text, bare numbers. */
function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) =>
      [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)]
        .map((m) => m[1]!)
        .slice(0, -1)
        .map((cell) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell)),
    );
}

/** A student's row of one assignment's progress table, cell by cell. */
async function progressRow(page: Page, assignment: string, student: string) {
  const table = page.locator(
    `[data-testid="assignment-progress"][data-assignment="${assignment}"]`,
  );
  const row = table
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: student }) });
  return row.getByRole("cell").allTextContents();
}

/** Review answers of a student (by name, account or guest) in an aspect: [recalled, total]. */
function recallCounts(classId: string, name: string, aspect: string): [number, number] {
  const counts = (condition: string) =>
    readValue<number>(
      `SELECT count(*) AS value FROM "ReviewLog" r
        JOIN "Question" q ON q.id = r."questionId"
        JOIN "Enrollment" e ON e."learnerId" = r."learnerId" AND e."classId" = ?
        LEFT JOIN "Learner" l ON l.id = e."learnerId" LEFT JOIN "User" u ON u.id = l."userId"
        WHERE coalesce(e."displayName", u.name) = ? AND q.aspect = ? ${condition}`,
      classId,
      name,
      aspect,
    );
  return [counts("AND r.rating >= 2"), counts("")];
}

test("a homework cycle: set, done in part, read on the dashboard and in the gradebook", async ({
  browser,
  consoleErrors,
}) => {
  const teacher = await newVisitor(browser, consoleErrors);
  await registerNamed(teacher, "Анна Петровна");
  await becomeTeacher(teacher);
  await teacher.goto("/classes");
  await teacher.getByLabel("Название").fill(CLASS);
  await teacher.getByLabel(/Часовой пояс для сроков/).fill("Europe/Moscow");
  await teacher.getByRole("button", { name: "Создать класс" }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: CLASS })).toBeVisible();
  const classId = new URL(teacher.url()).pathname.split("/").pop()!;
  const code = (await teacher.getByTestId("join-code").textContent())!.trim();
  const link = (await teacher.getByTestId("join-link").getAttribute("href"))!;
  // Empty states say what to do next.
  await expect(teacher.getByText(`Дайте им код ${code}`)).toBeVisible();
  await expect(teacher.getByRole("link", { name: "Создать первое задание" })).toBeVisible();

  // The study assignment is past half its window (behind if under half done); the test is not.
  const now = Date.now();
  await createAssignment(teacher, classId, {
    title: STUDY,
    type: "Выучить",
    aspects: ["Сетевое взаимодействие"],
    openAt: moscowLocal(now - 48 * HOUR),
    dueAt: moscowLocal(now + 24 * HOUR),
  });
  await createAssignment(teacher, classId, {
    title: TEST,
    type: "Тест",
    count: "5",
    openAt: moscowLocal(now - 24 * HOUR),
    dueAt: moscowLocal(now + 48 * HOUR),
  });

  // A guest joins by the link with a display name; an account types the code at /join.
  const guest = await newVisitor(browser, consoleErrors);
  await joinByLink(guest, link, CLASS, "Гость Петров");
  const student = await newVisitor(browser, consoleErrors);
  await registerNamed(student, "Коля Смирнов");
  await student.goto("/join");
  await student.getByLabel("Код класса").fill(code.toLowerCase().replace("-", " "));
  await student.getByRole("button", { name: "Найти класс" }).click();
  await expect(student.getByRole("heading", { level: 2, name: CLASS })).toBeVisible();
  await student.getByRole("button", { name: "Вступить" }).click();
  await expect(student).toHaveURL(new RegExp(`/classes/${classId}$`));

  // Коля: two networking questions Good, a third Again (2 of 4 done, 2 of 3 recalled).
  await assignmentCard(student, STUDY)
    .getByRole("link", { name: `Учить: ${STUDY}` })
    .click();
  await expect(student).toHaveURL(/\/study\?assignment=/);
  await answerCurrentCard(student, "mouse", 3);
  await answerCurrentCard(student, "mouse", 3);
  await answerCurrentCard(student, "mouse", 1);
  await expect(student.getByTestId("assignment-goal")).toHaveText(/2 из 4 вопросов/);

  // The guest: one networking question Again, then the whole test.
  await guest.goto("/classes");
  await assignmentCard(guest, STUDY)
    .getByRole("link", { name: `Учить: ${STUDY}` })
    .click();
  await answerCurrentCard(guest, "keyboard", 1);
  await guest.goto("/classes");
  await assignmentCard(guest, TEST)
    .getByRole("button", { name: `Начать тест: ${TEST}` })
    .click();
  await expect(guest).toHaveURL(/\/practice\/[^/]+$/);
  await answerAll(guest, 5);
  const percent = ((await guest.getByTestId("practice-percent").textContent()) ?? "")
    .replace("%", "")
    .trim();
  expect(percent).toMatch(/^\d+$/);

  // The dashboard.
  await teacher.goto(`/classes/${classId}`);
  const roster = teacher.getByTestId("roster");
  const rosterRow = (name: string) =>
    roster.getByRole("row").filter({ has: teacher.getByRole("rowheader", { name }) });
  await expect(rosterRow("Гость Петров").getByRole("cell").nth(2)).toHaveText("1 из 2");
  await expect(rosterRow("Коля Смирнов").getByRole("cell").nth(2)).toHaveText("0 из 2");
  await expect(rosterRow("Коля Смирнов").getByRole("cell").nth(1)).not.toHaveText(
    "ещё не занимался",
  );

  // One assignment's table at a time: the open one due soonest first, the others by link.
  expect(await progressRow(teacher, STUDY, "Коля Смирнов")).toEqual(["50 %", "—", "в процессе"]);
  expect(await progressRow(teacher, STUDY, "Гость Петров")).toEqual(["0 %", "—", "не начато"]);
  const picker = teacher.getByRole("navigation", { name: "Показать прогресс по заданию" });
  await picker.getByRole("link", { name: TEST }).click();
  await expect(picker.getByRole("link", { name: TEST })).toHaveAttribute("aria-current", "true");
  await expect(teacher.getByTestId("assignment-progress")).toHaveAttribute("data-assignment", TEST);
  expect(await progressRow(teacher, TEST, "Гость Петров")).toEqual([
    "100 %",
    `${percent} %`,
    "сделано",
  ]);
  expect(await progressRow(teacher, TEST, "Коля Смирнов")).toEqual(["0 %", "—", "не начато"]);
  await picker.getByRole("link", { name: STUDY }).click();
  await expect(teacher.getByTestId("assignment-progress")).toHaveAttribute(
    "data-assignment",
    STUDY,
  );

  // Sorting with the keyboard: the completion column, then the other way.
  const studyTable = teacher.locator(
    `[data-testid="assignment-progress"][data-assignment="${STUDY}"]`,
  );
  const completion = studyTable.getByRole("columnheader", { name: /Выполнено, %/ });
  await expect(completion).toHaveAttribute("aria-sort", "none");
  await completion.getByRole("button").focus();
  await teacher.keyboard.press("Enter");
  await expect(completion).toHaveAttribute("aria-sort", "ascending");
  await expect(studyTable.getByRole("rowheader")).toHaveText(["Гость Петров", "Коля Смирнов"]);
  await teacher.keyboard.press("Enter");
  await expect(completion).toHaveAttribute("aria-sort", "descending");
  await expect(studyTable.getByRole("rowheader")).toHaveText(["Коля Смирнов", "Гость Петров"]);

  // Behind: the guest, under half done past half the window; Коля is at half, not under.
  const behind = teacher.getByTestId("behind-student");
  await expect(behind).toHaveCount(1);
  await expect(behind).toContainText("Гость Петров");
  await expect(behind).toContainText(`${STUDY}: прошло больше половины срока, сделано 0 %`);

  // The mastery grid: numbers as well as colours, matching the answers in the database.
  const grid = teacher.getByTestId("mastery-grid");
  const networking = await grid
    .getByRole("columnheader")
    .allTextContents()
    .then((headers) => headers.indexOf("Сетевое взаимодействие"));
  expect(networking).toBeGreaterThan(0);
  const cell = (name: string) =>
    grid
      .getByRole("row")
      .filter({ has: teacher.getByRole("rowheader", { name }) })
      .getByRole("cell")
      .nth(networking - 1);
  expect(recallCounts(classId, "Коля Смирнов", "networking")).toEqual([2, 3]);
  await expect(cell("Коля Смирнов")).toHaveText("67 % (2 из 3) · средне");
  await expect(cell("Коля Смирнов")).toHaveAttribute("data-band", "fair");
  expect(recallCounts(classId, "Гость Петров", "networking")).toEqual([0, 1]);
  await expect(cell("Гость Петров")).toHaveText("0 % (0 из 1) · слабо");
  await expect(cell("Весь класс")).toHaveText("50 % (2 из 4) · средне");
  // Too few answers to call any question the class's trouble.
  await expect(teacher.getByText(/Пока мало данных/)).toBeVisible();

  // The gradebook, downloaded from its link.
  const [download] = await Promise.all([
    teacher.waitForEvent("download"),
    teacher.getByRole("link", { name: "Скачать журнал (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^9 Б — поды — gradebook \d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const rows = parseCsv(text);
  expect(rows[0]).toEqual([
    "Ученик",
    "В классе с",
    "Последняя активность",
    "Выполнено заданий",
    "Выдано заданий",
    `${STUDY} (%)`,
    `${STUDY} (статус)`,
    `${TEST} (%)`,
    `${TEST} (статус)`,
  ]);
  expect(rows.slice(1).map((r) => [r[0], ...r.slice(3)])).toEqual([
    ["Гость Петров", "1", "2", "0", "не начато", percent, "выполнено"],
    ["Коля Смирнов", "0", "2", "50", "в процессе", "", "не начато"],
  ]);

  // The teacher removes Коля: his class page is a 404 from then on.
  await teacher.getByRole("button", { name: "Исключить: Коля Смирнов" }).click();
  await teacher.getByRole("dialog").getByRole("button", { name: "Исключить" }).click();
  await expect(rosterRow("Коля Смирнов")).toHaveCount(0);
  const response = await student.goto(`/classes/${classId}`);
  expect(response?.status()).toBe(404);
  // The browser logs the 404 it was given: the one error this test expects.
  expect(consoleErrors.splice(0)).toEqual([expect.stringContaining("404")]);
  await expect(student.getByText(STUDY)).toHaveCount(0);
});
