import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export interface AssignmentFields {
  title: string;
  type: "Выучить" | "Тест" | "Собеседование";
  /** Aspect titles to tick, as the form shows them. */
  aspects?: string[];
  count?: string;
  passMark?: string;
  openAt?: string;
  dueAt?: string;
}

/** Fills the assignment form on the page it is on (new or edit). */
export async function fillAssignmentForm(page: Page, fields: AssignmentFields) {
  const form = page.locator("form#assignment");
  await form.getByLabel("Название").fill(fields.title);
  await form.getByRole("radio", { name: new RegExp(`^${fields.type}`) }).check();
  for (const aspect of fields.aspects ?? []) {
    await form.getByRole("checkbox", { name: aspect, exact: true }).check();
  }
  if (fields.count !== undefined) await form.getByLabel("N — сколько вопросов").fill(fields.count);
  if (fields.passMark !== undefined) await form.getByLabel(/Проходной балл/).fill(fields.passMark);
  if (fields.openAt) await form.getByLabel(/^Открывается/).fill(fields.openAt);
  if (fields.dueAt) await form.getByLabel(/^Срок сдачи/).fill(fields.dueAt);
}

/** Creates an assignment from the class page and comes back to it. */
export async function createAssignment(page: Page, classId: string, fields: AssignmentFields) {
  await page.goto(`/classes/${classId}`);
  await page.getByRole("link", { name: "Новое задание" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Новое задание" })).toBeVisible();
  await fillAssignmentForm(page, fields);
  await page.getByRole("button", { name: "Создать задание" }).click();
  await expect(page).toHaveURL(new RegExp(`/classes/${classId}#assignments-title$`));
  await expect(
    page.getByTestId("teacher-assignment").filter({ hasText: fields.title }),
  ).toBeVisible();
}

/** A student's assignment card by its title, wherever the list is. */
export function assignmentCard(page: Page, title: string) {
  return page.getByTestId("assignment").filter({ has: page.getByRole("heading", { name: title }) });
}
