import type { Page } from "@playwright/test";
import { createAssignment, fillAssignmentForm } from "./assignment-helpers";
import type { ClassRow, ClassWorld } from "./authorization-classes";
import { expect } from "./fixtures";
import { captureAction, replay } from "./server-actions";
import { countRows, readValue } from "./test-database";

/*
 * Authorization rows of assignments: every assignment action, tried by an anonymous visitor, a
 * student of another class, another teacher, and the class's teacher; the enrolled student is
 * tried too, since a student of the class must not change its assignments either.
 */

const HOMEWORK = "Homework";

/** The owner's class gets one assignment, made once per world through the teacher's form. */
const made = new WeakMap<ClassWorld, Promise<string>>();
function ownerAssignment(w: ClassWorld): Promise<string> {
  let id = made.get(w);
  if (!id) {
    id = createAssignment(w.owner.page, w.ownerClass.classId, {
      title: HOMEWORK,
      type: "Выучить",
      openAt: "2026-01-01T09:00",
      dueAt: "2030-01-01T09:00",
    }).then(() =>
      readValue<string>(
        `SELECT id AS value FROM "Assignment" WHERE "classId" = ? AND title = ?`,
        w.ownerClass.classId,
        HOMEWORK,
      ),
    );
    made.set(w, id);
  }
  return id;
}

const assignmentsTitled = (classId: string, title: string) =>
  countRows(
    `SELECT count(*) AS n FROM "Assignment" WHERE "classId" = ? AND title = ?`,
    classId,
    title,
  );
const titleOf = (assignmentId: string) =>
  readValue<string>(`SELECT title AS value FROM "Assignment" WHERE id = ?`, assignmentId);
const exists = (assignmentId: string) =>
  countRows(`SELECT count(*) AS n FROM "Assignment" WHERE id = ?`, assignmentId);
const forgedAnywhere = () =>
  countRows(`SELECT count(*) AS n FROM "Assignment" WHERE title = 'Forged assignment'`);

async function captureCreate(w: ClassWorld) {
  const page = w.owner.page;
  await page.goto(`/classes/${w.ownerClass.classId}/assignments/new`);
  await fillAssignmentForm(page, {
    title: "Forged assignment",
    type: "Выучить",
    openAt: "2026-01-01T09:00",
    dueAt: "2030-01-01T09:00",
  });
  return captureAction(page, () => page.getByRole("button", { name: "Создать задание" }).click());
}

async function onEditPage(w: ClassWorld, act: (page: Page) => Promise<void>) {
  const assignmentId = await ownerAssignment(w);
  const page = w.owner.page;
  await page.goto(`/classes/${w.ownerClass.classId}/assignments/${assignmentId}`);
  return { assignmentId, action: await captureAction(page, () => act(page)) };
}

const captureRename = (w: ClassWorld) =>
  onEditPage(w, async (page) => {
    await page.locator("form#assignment").getByLabel("Название").fill("Renamed");
    await page.getByRole("button", { name: "Сохранить задание" }).click();
  });
const captureDelete = (w: ClassWorld) =>
  onEditPage(w, async (page) => {
    await page.getByRole("button", { name: "Удалить задание" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Удалить задание" }).click();
  });

export const ASSIGNMENT_ROWS: ClassRow[] = [
  {
    target: "action app/classes/[classId]/assignments/actions.ts#createAssignmentAction",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureCreate(w));
      expect(forgedAnywhere()).toBe(0);
    },
    otherStudent: async (w) => {
      const action = await captureCreate(w);
      await replay(w.otherStudent.api, action);
      await replay(w.student.api, action);
      expect(forgedAnywhere(), "no student adds homework, not even one of the class").toBe(0);
    },
    otherTeacher: async (w) => {
      await replay(w.otherTeacher.api, await captureCreate(w));
      expect(forgedAnywhere(), "another teacher's class id is not theirs").toBe(0);
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureCreate(w));
      expect(assignmentsTitled(w.ownerClass.classId, "Forged assignment")).toBe(1);
    },
  },
  {
    target: "action app/classes/[classId]/assignments/actions.ts#updateAssignmentAction",
    anonymous: async (w) => {
      const { assignmentId, action } = await captureRename(w);
      await replay(w.anonymous, action);
      expect(titleOf(assignmentId)).toBe(HOMEWORK);
    },
    otherStudent: async (w) => {
      const { assignmentId, action } = await captureRename(w);
      await replay(w.otherStudent.api, action);
      await replay(w.student.api, action);
      expect(titleOf(assignmentId)).toBe(HOMEWORK);
    },
    otherTeacher: async (w) => {
      const { assignmentId, action } = await captureRename(w);
      await replay(w.otherTeacher.api, action);
      expect(titleOf(assignmentId)).toBe(HOMEWORK);
    },
    owner: async (w) => {
      const { assignmentId, action } = await captureRename(w);
      await replay(w.owner.api, action);
      expect(titleOf(assignmentId)).toBe("Renamed");
    },
  },
  {
    target: "action app/classes/[classId]/assignments/actions.ts#deleteAssignmentAction",
    anonymous: async (w) => {
      const { assignmentId, action } = await captureDelete(w);
      await replay(w.anonymous, action);
      expect(titleOf(assignmentId)).toBe(HOMEWORK);
    },
    otherStudent: async (w) => {
      const { assignmentId, action } = await captureDelete(w);
      await replay(w.otherStudent.api, action);
      await replay(w.student.api, action);
      expect(titleOf(assignmentId)).toBe(HOMEWORK);
    },
    otherTeacher: async (w) => {
      const { assignmentId, action } = await captureDelete(w);
      await replay(w.otherTeacher.api, action);
      expect(titleOf(assignmentId)).toBe(HOMEWORK);
    },
    owner: async (w) => {
      const { assignmentId, action } = await captureDelete(w);
      await replay(w.owner.api, action);
      expect(exists(assignmentId)).toBe(0);
    },
  },
];

/**
 * The assignment pages and the study session of an assignment: the teacher's pages are theirs
 * only, the session is for students of the class; everyone else gets the same 404 as for an
 * unknown id. A student removed from the class loses the session at once.
 */
export async function checkAssignmentPages(w: ClassWorld) {
  const assignmentId = await ownerAssignment(w);
  const base = `/classes/${w.ownerClass.classId}/assignments`;
  const teacherPages = [`${base}/new`, `${base}/${assignmentId}`];
  const session = `/api/study?assignment=${assignmentId}`;
  const sessionPage = `/study?assignment=${assignmentId}`;
  for (const [who, api] of [
    ["anonymous", w.anonymous],
    ["a student of another class", w.otherStudent.api],
    ["another teacher", w.otherTeacher.api],
  ] as const) {
    for (const path of [...teacherPages, session, sessionPage]) {
      const response = await api.get(path);
      expect(response.status(), `${who}: ${path}`).toBe(404);
      expect(await response.text(), `${who}: ${path}`).not.toContain(HOMEWORK);
    }
  }
  for (const path of teacherPages) {
    expect((await w.owner.api.get(path)).status(), path).toBe(200);
    expect((await w.student.api.get(path)).status(), `a student: ${path}`).toBe(404);
  }
  expect((await w.owner.api.get(session)).status(), "the teacher is not a student").toBe(404);
  const own = await w.student.api.get(session);
  expect(own.status()).toBe(200);
  expect((await own.json()).goal).toMatchObject({ assignmentId, title: HOMEWORK, done: 0 });
  expect((await w.student.api.get(sessionPage)).status()).toBe(200);

  // Removed from the class: the session is gone with it.
  const page = w.owner.page;
  await page.goto(`/classes/${w.ownerClass.classId}`);
  await page.getByRole("button", { name: "Исключить: Guest Student" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Исключить" }).click();
  await expect(page.getByText("Пока никого. Дайте ученикам код или ссылку.")).toBeVisible();
  expect((await w.student.api.get(session)).status()).toBe(404);
  expect((await w.student.api.get(sessionPage)).status()).toBe(404);
}
