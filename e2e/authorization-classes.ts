import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { PASSWORD, newEmail } from "./account-helpers";
import { becomeTeacher, createClass, type CreatedClass } from "./class-helpers";
import { expect } from "./fixtures";
import { captureAction, replay, type CapturedAction } from "./server-actions";
import { countRows, readValue } from "./test-database";

/*
 * Authorization rows of the classroom: every class route and action, tried by an anonymous
 * visitor, a student of another class, another teacher, and the one it belongs to (the class's
 * teacher; for leaving, the enrolled student). authorization.test.ts runs them and counts them
 * in its list of every route and action.
 */

interface Party {
  context: BrowserContext;
  page: Page;
  api: APIRequestContext;
}

export interface ClassWorld {
  /** Teaches `ownerClass`. */
  owner: Party;
  ownerClass: CreatedClass;
  ownerClassName: string;
  /** What a forged "create class" names its class. */
  forgedClassName: string;
  /** A guest in the owner's class, as "Guest Student". */
  student: Party;
  /** Teaches a class of their own. */
  otherTeacher: Party;
  otherClass: CreatedClass;
  otherClassName: string;
  /** An account enrolled in the other teacher's class only. */
  otherStudent: Party;
  anonymous: APIRequestContext;
  close: () => Promise<void>;
}

export interface ClassRow {
  target: string;
  anonymous: (w: ClassWorld) => Promise<void>;
  otherStudent: (w: ClassWorld) => Promise<void>;
  otherTeacher: (w: ClassWorld) => Promise<void>;
  owner: (w: ClassWorld) => Promise<void>;
}

/** The accounts every class world of one worker shares (none of the rows changes an account). */
interface Accounts {
  owner: Party;
  otherTeacher: Party;
  otherStudent: Party;
}

/** Its own client address: wrong codes tried here count against nobody else's limit. */
async function newParty(browser: Browser): Promise<Party> {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": `e2e-${crypto.randomUUID()}` },
  });
  const page = await context.newPage();
  return { context, page, api: context.request };
}

async function newAccount(browser: Browser, name: string): Promise<Party> {
  const party = await newParty(browser);
  await party.page.goto("/register");
  await party.page.getByLabel("Почта").fill(newEmail());
  await party.page.getByLabel("Пароль").fill(PASSWORD);
  await party.page.getByLabel("Имя (необязательно)").fill(name);
  await party.page.getByRole("button", { name: "Создать аккаунт" }).click();
  await expect(party.page).toHaveURL(/\/study/, { timeout: 30_000 });
  return party;
}

async function newAccounts(browser: Browser): Promise<Accounts> {
  const [owner, otherTeacher, otherStudent] = await Promise.all([
    newAccount(browser, "Owner Teacher"),
    newAccount(browser, "Other Teacher"),
    newAccount(browser, "Other Student"),
  ]);
  await Promise.all([becomeTeacher(owner.page), becomeTeacher(otherTeacher.page)]);
  return { owner, otherTeacher, otherStudent };
}

// Three sign-ups were four fifths of a world's cost (≈ 8 of 10 s): a worker makes them once.
// The browser is the worker's, so its contexts live as long as this cache.
const accountsOf = new WeakMap<Browser, Promise<Accounts>>();

/**
 * Fresh classes, a fresh guest student and a fresh stranger on the worker's accounts. Names carry
 * a tag of their own, so what one world's rows count is never another world's (retries included).
 */
export async function newClassWorld(browser: Browser): Promise<ClassWorld> {
  let accounts = accountsOf.get(browser);
  if (!accounts) {
    accounts = newAccounts(browser);
    accountsOf.set(browser, accounts);
  }
  const { owner, otherTeacher, otherStudent } = await accounts;
  const tag = crypto.randomUUID().slice(0, 8);
  const ownerClassName = `Owner's class ${tag}`;
  const [student, stranger, ownerClass, otherClass] = await Promise.all([
    newParty(browser),
    newParty(browser),
    createClass(owner.page, ownerClassName),
    createClass(otherTeacher.page, `Other class ${tag}`),
  ]);
  const joins = await Promise.all([
    student.api.post(`/api/join/${ownerClass.code}`, { data: { displayName: "Guest Student" } }),
    otherStudent.api.post(`/api/join/${otherClass.code}`, { data: {} }),
  ]);
  expect(joins.map((r) => r.status())).toEqual([201, 201]);
  return {
    owner,
    ownerClass,
    ownerClassName,
    forgedClassName: `Forged class ${tag}`,
    student,
    otherTeacher,
    otherClass,
    otherClassName: `Other class ${tag}`,
    otherStudent,
    anonymous: stranger.api,
    close: async () => {
      await Promise.all([student.context.close(), stranger.context.close()]);
    },
  };
}

const classValue = <T>(field: string, classId: string) =>
  readValue<T>(`SELECT "${field}" AS value FROM "Class" WHERE id = ?`, classId);
const classExists = (classId: string) =>
  countRows(`SELECT count(*) AS n FROM "Class" WHERE id = ?`, classId);
const enrolled = (classId: string) =>
  countRows(`SELECT count(*) AS n FROM "Enrollment" WHERE "classId" = ?`, classId);
const classesNamed = (name: string) =>
  countRows(`SELECT count(*) AS n FROM "Class" WHERE name = ?`, name);
const classesOfTeacherOf = (classId: string, name: string) =>
  countRows(
    `SELECT count(*) AS n FROM "Class" WHERE name = ? AND "teacherId" = (SELECT "teacherId" FROM "Class" WHERE id = ?)`,
    name,
    classId,
  );

async function onClassPage(w: ClassWorld, act: (page: Page) => Promise<void>) {
  const page = w.owner.page;
  await page.goto(`/classes/${w.ownerClass.classId}`);
  return captureAction(page, () => act(page));
}

/** Opens a confirmation dialog with `opener` and confirms with `confirm`. */
const confirmed = (opener: string | RegExp, confirm: string) => async (page: Page) => {
  await page.getByRole("button", { name: opener }).click();
  await page.getByRole("dialog").getByRole("button", { name: confirm }).click();
};

const captureCreate = async (w: ClassWorld) => {
  const page = w.owner.page;
  await page.goto("/classes");
  await page.getByLabel("Название").fill(w.forgedClassName);
  return captureAction(page, () => page.getByRole("button", { name: "Создать класс" }).click());
};
const captureRename = (w: ClassWorld, name: string) =>
  onClassPage(w, async (page) => {
    const form = page.locator("form#class-details");
    await form.getByLabel("Название").fill(name);
    await form.getByRole("button", { name: "Сохранить" }).click();
  });
const captureArchive = (w: ClassWorld) =>
  onClassPage(w, (page) => page.getByRole("button", { name: "Отправить в архив" }).click());
const captureCloseJoining = (w: ClassWorld) =>
  onClassPage(w, (page) => page.getByRole("button", { name: "Закрыть вступление" }).click());
const captureNewCode = (w: ClassWorld) =>
  onClassPage(w, confirmed("Выдать новый код", "Выдать новый код"));
const captureRemoveStudent = (w: ClassWorld) =>
  onClassPage(w, confirmed("Исключить: Guest Student", "Исключить"));
const captureDelete = (w: ClassWorld) =>
  onClassPage(w, confirmed("Удалить класс", "Удалить класс"));
const captureLeave = async (w: ClassWorld) => {
  const page = w.student.page;
  await page.goto(`/classes/${w.ownerClass.classId}`);
  return captureAction(page, () => confirmed("Выйти из класса", "Выйти из класса")(page));
};

/** Replays an action as each party in turn (everyone but the one it belongs to). */
async function replayAs(parties: APIRequestContext[], action: CapturedAction) {
  for (const api of parties) await replay(api, action);
}

function preview(api: APIRequestContext, code: string) {
  return api.get(`/api/join/${code}`);
}

function joinAs(api: APIRequestContext, code: string, displayName?: string) {
  return api.post(`/api/join/${code}`, { data: displayName ? { displayName } : {} });
}

/** A well-formed code no class has (31^8 codes). */
function unusedCode(): string {
  const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  return Array.from({ length: 8 }, () => alphabet[Math.floor(Math.random() * 31)]).join("");
}

const gradebookPath = (classId: string) => `/api/classes/${classId}/gradebook`;

async function expectNoGradebook(api: APIRequestContext, classId: string) {
  const response = await api.get(gradebookPath(classId));
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toContain("Guest Student");
}

export const CLASS_ROWS: ClassRow[] = [
  {
    // The gradebook names every student and their marks: the class's teacher's only, a 404 (as
    // for no class) for everyone else, its own students included.
    target: "GET /api/classes/[classId]/gradebook",
    anonymous: async (w) => {
      await expectNoGradebook(w.anonymous, w.ownerClass.classId);
    },
    otherStudent: async (w) => {
      await expectNoGradebook(w.otherStudent.api, w.ownerClass.classId);
      await expectNoGradebook(w.student.api, w.ownerClass.classId);
    },
    otherTeacher: async (w) => {
      await expectNoGradebook(w.otherTeacher.api, w.ownerClass.classId);
      const theirs = await w.otherTeacher.api.get(gradebookPath(w.otherClass.classId));
      expect(theirs.status(), "their own class's gradebook").toBe(200);
      expect(await theirs.text()).not.toContain("Guest Student");
    },
    owner: async (w) => {
      const response = await w.owner.api.get(gradebookPath(w.ownerClass.classId));
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
      expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="/);
      expect(await response.text()).toContain('"Guest Student"');
      expect((await w.owner.api.get(gradebookPath("no-such-class"))).status()).toBe(404);
    },
  },
  {
    // Anyone with the code may see what it leads to: the class name, its teacher, nothing else.
    target: "GET /api/join/[code]",
    anonymous: async (w) => {
      const response = await preview(w.anonymous, w.ownerClass.code);
      expect(response.status()).toBe(200);
      expect(response.headers()["set-cookie"], "a look must not create a learner").toBeUndefined();
      const body = await response.json();
      expect(Object.keys(body).sort()).toEqual([
        "alreadyMember",
        "classId",
        "description",
        "name",
        "teacherName",
      ]);
      expect(body).toMatchObject({ name: w.ownerClassName, teacherName: "Owner Teacher" });
      const byId = await preview(w.anonymous, w.ownerClass.classId);
      expect(byId.status(), "a class id is not a join code").toBe(400);
      expect((await preview(w.anonymous, unusedCode())).status()).toBe(404);
    },
    otherStudent: async (w) => {
      expect(await (await preview(w.otherStudent.api, w.ownerClass.code)).json()).toMatchObject({
        name: w.ownerClassName,
        alreadyMember: false,
      });
      const own = await (await preview(w.otherStudent.api, w.otherClass.code)).json();
      expect(own.alreadyMember, "their own class knows them").toBe(true);
    },
    otherTeacher: async (w) => {
      const response = await preview(w.otherTeacher.api, w.ownerClass.code);
      expect(await response.json()).toMatchObject({ alreadyMember: false });
    },
    owner: async (w) => {
      const own = await preview(w.owner.api, w.ownerClass.code);
      expect(own.status()).toBe(409);
      expect((await own.json()).error).toBe("own_class");
      expect((await (await preview(w.student.api, w.ownerClass.code)).json()).alreadyMember).toBe(
        true,
      );
    },
  },
  {
    // Joining takes the code, never an id; the code is the invitation.
    target: "POST /api/join/[code]",
    anonymous: async (w) => {
      const { code, classId } = w.ownerClass;
      expect((await joinAs(w.anonymous, classId, "Sneaky")).status()).toBe(400);
      expect((await joinAs(w.anonymous, unusedCode(), "Sneaky")).status()).toBe(404);
      const nameless = await joinAs(w.anonymous, code);
      expect(nameless.status()).toBe(400);
      expect((await nameless.json()).error).toBe("student_name_required");
      expect(nameless.headers()["set-cookie"], "no guest is made for nothing").toBeUndefined();
      expect(enrolled(classId)).toBe(1);
      expect((await joinAs(w.anonymous, code, "New Guest")).status()).toBe(201);
      expect(enrolled(classId)).toBe(2);
    },
    otherStudent: async (w) => {
      const before = enrolled(w.ownerClass.classId);
      expect((await joinAs(w.otherStudent.api, w.otherClass.code)).status()).toBe(200);
      expect((await joinAs(w.otherStudent.api, w.ownerClass.code)).status()).toBe(201);
      expect(enrolled(w.ownerClass.classId)).toBe(before + 1);
      expect(enrolled(w.otherClass.classId)).toBe(1);
    },
    otherTeacher: async (w) => {
      const before = enrolled(w.ownerClass.classId);
      expect((await joinAs(w.otherTeacher.api, w.ownerClass.code)).status()).toBe(201);
      expect(enrolled(w.ownerClass.classId)).toBe(before + 1);
    },
    owner: async (w) => {
      const before = enrolled(w.ownerClass.classId);
      const own = await joinAs(w.owner.api, w.ownerClass.code);
      expect(own.status()).toBe(409);
      expect((await own.json()).error).toBe("own_class");
      expect(enrolled(w.ownerClass.classId)).toBe(before);
    },
  },
  {
    target: "action app/classes/actions.ts#createClassAction",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureCreate(w));
      expect(classesNamed(w.forgedClassName)).toBe(0);
    },
    otherStudent: async (w) => {
      await replay(w.otherStudent.api, await captureCreate(w));
      expect(classesNamed(w.forgedClassName), "a learner account creates no class").toBe(0);
    },
    otherTeacher: async (w) => {
      await replay(w.otherTeacher.api, await captureCreate(w));
      expect(
        classesOfTeacherOf(w.otherClass.classId, w.forgedClassName),
        "only for the caller",
      ).toBe(1);
      expect(classesOfTeacherOf(w.ownerClass.classId, w.forgedClassName)).toBe(0);
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureCreate(w));
      expect(classesOfTeacherOf(w.ownerClass.classId, w.forgedClassName)).toBe(1);
    },
  },
  {
    target: "action app/classes/actions.ts#saveClassDetails",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureRename(w, "Forged"));
      expect(classValue("name", w.ownerClass.classId)).toBe(w.ownerClassName);
    },
    otherStudent: async (w) => {
      await replay(w.otherStudent.api, await captureRename(w, "Forged"));
      expect(classValue("name", w.ownerClass.classId)).toBe(w.ownerClassName);
    },
    otherTeacher: async (w) => {
      await replay(w.otherTeacher.api, await captureRename(w, "Forged"));
      expect(classValue("name", w.ownerClass.classId)).toBe(w.ownerClassName);
      expect(classValue("name", w.otherClass.classId)).toBe(w.otherClassName);
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureRename(w, "Renamed"));
      expect(classValue("name", w.ownerClass.classId)).toBe("Renamed");
    },
  },
  {
    target: "action app/classes/actions.ts#setClassArchived",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureArchive(w));
      expect(classValue("archivedAt", w.ownerClass.classId)).toBeNull();
    },
    otherStudent: async (w) => {
      await replay(w.otherStudent.api, await captureArchive(w));
      expect(classValue("archivedAt", w.ownerClass.classId)).toBeNull();
    },
    otherTeacher: async (w) => {
      await replay(w.otherTeacher.api, await captureArchive(w));
      expect(classValue("archivedAt", w.ownerClass.classId)).toBeNull();
      expect(classValue("archivedAt", w.otherClass.classId)).toBeNull();
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureArchive(w));
      expect(classValue("archivedAt", w.ownerClass.classId)).not.toBeNull();
    },
  },
  {
    target: "action app/classes/actions.ts#setClassJoining",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureCloseJoining(w));
      expect(classValue("joiningOpen", w.ownerClass.classId)).toBe(1);
    },
    otherStudent: async (w) => {
      await replay(w.otherStudent.api, await captureCloseJoining(w));
      expect(classValue("joiningOpen", w.ownerClass.classId)).toBe(1);
    },
    otherTeacher: async (w) => {
      await replay(w.otherTeacher.api, await captureCloseJoining(w));
      expect(classValue("joiningOpen", w.ownerClass.classId)).toBe(1);
      expect(classValue("joiningOpen", w.otherClass.classId)).toBe(1);
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureCloseJoining(w));
      expect(classValue("joiningOpen", w.ownerClass.classId)).toBe(0);
    },
  },
  {
    target: "action app/classes/actions.ts#newJoinCode",
    anonymous: async (w) => {
      const before = classValue("joinCode", w.ownerClass.classId);
      await replay(w.anonymous, await captureNewCode(w));
      expect(classValue("joinCode", w.ownerClass.classId)).toBe(before);
    },
    otherStudent: async (w) => {
      const before = classValue("joinCode", w.ownerClass.classId);
      await replay(w.otherStudent.api, await captureNewCode(w));
      expect(classValue("joinCode", w.ownerClass.classId)).toBe(before);
    },
    otherTeacher: async (w) => {
      const [before, theirs] = [w.ownerClass, w.otherClass].map((k) =>
        classValue("joinCode", k.classId),
      );
      await replay(w.otherTeacher.api, await captureNewCode(w));
      expect(classValue("joinCode", w.ownerClass.classId)).toBe(before);
      expect(classValue("joinCode", w.otherClass.classId)).toBe(theirs);
    },
    owner: async (w) => {
      const before = classValue("joinCode", w.ownerClass.classId);
      await replay(w.owner.api, await captureNewCode(w));
      expect(classValue("joinCode", w.ownerClass.classId)).not.toBe(before);
    },
  },
  {
    target: "action app/classes/actions.ts#removeClassStudent",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureRemoveStudent(w));
      expect(enrolled(w.ownerClass.classId)).toBe(1);
    },
    otherStudent: async (w) => {
      await replay(w.otherStudent.api, await captureRemoveStudent(w));
      expect(enrolled(w.ownerClass.classId)).toBe(1);
    },
    otherTeacher: async (w) => {
      await replay(w.otherTeacher.api, await captureRemoveStudent(w));
      expect(enrolled(w.ownerClass.classId)).toBe(1);
      expect(enrolled(w.otherClass.classId)).toBe(1);
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureRemoveStudent(w));
      expect(enrolled(w.ownerClass.classId)).toBe(0);
    },
  },
  {
    target: "action app/classes/actions.ts#removeClass",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureDelete(w));
      expect(classExists(w.ownerClass.classId)).toBe(1);
    },
    otherStudent: async (w) => {
      await replay(w.otherStudent.api, await captureDelete(w));
      expect(classExists(w.ownerClass.classId)).toBe(1);
    },
    otherTeacher: async (w) => {
      await replay(w.otherTeacher.api, await captureDelete(w));
      expect(classExists(w.ownerClass.classId)).toBe(1);
      expect(classExists(w.otherClass.classId)).toBe(1);
    },
    owner: async (w) => {
      const studentLearner = readValue<string>(
        `SELECT "learnerId" AS value FROM "Enrollment" WHERE "classId" = ?`,
        w.ownerClass.classId,
      );
      await replay(w.owner.api, await captureDelete(w));
      expect(classExists(w.ownerClass.classId)).toBe(0);
      expect(enrolled(w.ownerClass.classId)).toBe(0);
      expect(countRows(`SELECT count(*) AS n FROM "Learner" WHERE id = ?`, studentLearner)).toBe(1);
    },
  },
  {
    // Here the owner is the enrolled student: only they can take themselves off the roster.
    target: "action app/classes/actions.ts#leaveClassAction",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureLeave(w));
      expect(enrolled(w.ownerClass.classId)).toBe(1);
    },
    otherStudent: async (w) => {
      await replay(w.otherStudent.api, await captureLeave(w));
      expect(enrolled(w.ownerClass.classId)).toBe(1);
      expect(enrolled(w.otherClass.classId), "nor their own class").toBe(1);
    },
    otherTeacher: async (w) => {
      // Neither another teacher nor the class's own teacher can make a student leave this way.
      await replayAs([w.otherTeacher.api, w.owner.api], await captureLeave(w));
      expect(enrolled(w.ownerClass.classId)).toBe(1);
    },
    owner: async (w) => {
      await replay(w.student.api, await captureLeave(w));
      expect(enrolled(w.ownerClass.classId)).toBe(0);
    },
  },
];

/**
 * Pages are not in the route list, but a class page shows a roster and a join code: it is the
 * class's teacher's and its students' only; for anyone else it is the same 404 as no class.
 */
export async function checkClassPages(w: ClassWorld) {
  const path = `/classes/${w.ownerClass.classId}`;
  for (const [who, api] of [
    ["anonymous", w.anonymous],
    ["a student of another class", w.otherStudent.api],
    ["another teacher", w.otherTeacher.api],
  ] as const) {
    const response = await api.get(path);
    expect(response.status(), who).toBe(404);
    expect(await response.text(), who).not.toContain(w.ownerClass.code);
  }
  const teachers = await w.owner.api.get(path);
  expect(teachers.status()).toBe(200);
  expect(await teachers.text()).toContain("Guest Student");
  const students = await w.student.api.get(path);
  expect(students.status()).toBe(200);
  const studentsView = await students.text();
  expect(studentsView).toContain(w.ownerClassName);
  expect(studentsView, "a student does not see the code or the roster").not.toContain(
    w.ownerClass.code,
  );
  const list = await (await w.otherTeacher.api.get("/classes")).text();
  expect(list).toContain(w.otherClassName);
  expect(list).not.toContain(w.ownerClassName);
}
