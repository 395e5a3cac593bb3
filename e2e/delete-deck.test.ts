import fs from "node:fs";
import { assignmentCard, fillAssignmentForm } from "./assignment-helpers";
import { becomeTeacher, createClass, registerNamed } from "./class-helpers";
import { expect, test } from "./fixtures";
import { answerCurrentCard } from "./study-helpers";
import { countRows } from "./test-database";

const DOCUMENT = fs.readFileSync("tests/fixtures/documents/vm-vs-container.en.md");
const TITLE = "Virtual machine vs Container";
const DELETE = "Удалить колоду";

const reviewsOn = (deckId: string) =>
  countRows(
    `SELECT count(*) AS n FROM "ReviewLog" r JOIN "Question" q ON q.id = r."questionId" WHERE q."deckId" = ?`,
    deckId,
  );

test("an author deletes their deck: gone from /decks, from the class's student and at its URL; progress stays", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await registerNamed(page, "Deleting Author");
  await becomeTeacher(page);
  const k = await createClass(page, "Deck class");
  const api = page.context().request;
  const saved = await api.post("/api/decks", {
    headers: { "content-type": "text/markdown; charset=utf-8" },
    data: DOCUMENT,
  });
  expect(saved.status()).toBe(201);
  const { deckId } = (await saved.json()) as { deckId: string };
  const shared = await api.put(`/api/decks/${deckId}/sharing`, {
    data: { visibility: "class", classIds: [k.classId] },
  });
  expect(shared.status()).toBe(204);
  await page.goto(`/classes/${k.classId}/assignments/new`);
  await page.locator("form#assignment").getByLabel("Колода").selectOption(deckId);
  await fillAssignmentForm(page, {
    title: "VM homework",
    type: "Выучить",
    openAt: "2026-01-01T09:00",
    dueAt: "2030-01-01T09:00",
  });
  await page.getByRole("button", { name: "Создать задание" }).click();
  await expect(page.getByTestId("teacher-assignment")).toContainText(TITLE);

  // A guest of the class sees the deck and studies one card of it.
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `e2e-${crypto.randomUUID()}` },
  });
  try {
    const join = await context.request.post(`/api/join/${k.code}`, {
      data: { displayName: "Class Student" },
    });
    expect(join.status()).toBe(201);
    const student = await context.newPage();
    await student.goto("/decks");
    await expect(student.getByRole("link", { name: TITLE })).toBeVisible();
    await student.goto(`/study?deck=${encodeURIComponent(deckId)}`);
    await answerCurrentCard(student, "mouse");
    expect(reviewsOn(deckId)).toBe(1);

    // The author deletes it, told first what that stops.
    await page.goto(`/decks/${deckId}`);
    const section = page.getByRole("region", { name: DELETE });
    for (const told of [
      "Учеников, изучавших её: 1",
      "Заданий на ней: 1",
      "Классов, которым она открыта: 1",
    ]) {
      await expect(section).toContainText(told);
    }
    await section.getByRole("button", { name: DELETE }).click();
    const dialog = page.getByRole("dialog", { name: `Удалить колоду «${TITLE}»?` });
    await expect(dialog).toContainText("Учеников, изучавших её: 1");
    await dialog.getByRole("button", { name: DELETE }).click();
    await expect(page).toHaveURL(/\/decks$/);
    await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);
    expect((await api.get(`/decks/${deckId}`)).status(), "gone for its author too").toBe(404);
    await page.goto(`/classes/${k.classId}`);
    await expect(page.getByTestId("assignment-deck-removed")).toHaveText("колода удалена");

    // The student: not on /decks, its URL a 404, no card of it; the assignment says why.
    await student.goto("/decks");
    await expect(student.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(student.getByRole("link", { name: TITLE })).toHaveCount(0);
    expect((await context.request.get(`/decks/${deckId}`)).status()).toBe(404);
    const study = await context.request.get(`/api/study?deck=${encodeURIComponent(deckId)}`);
    expect((await study.json()).card).toBeNull();
    await student.goto(`/classes/${k.classId}`);
    const homework = assignmentCard(student, "VM homework");
    await expect(homework.getByTestId("assignment-deck-removed")).toContainText(
      "Автор удалил колоду этого задания",
    );
    await expect(homework.getByRole("link")).toHaveCount(0);
    // Their answer is still stored, and /stats still shows it, marked.
    expect(reviewsOn(deckId)).toBe(1);
    await student.goto("/stats");
    await expect(student.getByTestId(`mastery-${deckId}`)).toContainText("колода удалена автором");
  } finally {
    await context.close();
  }
});
