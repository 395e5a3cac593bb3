import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { PASSWORD, learnerOf, newEmail, register, studyCards } from "./account-helpers";
import { ASSIGNMENT_ROWS, checkAssignmentPages } from "./authorization-assignments";
import { CLASS_ROWS, checkClassPages, newClassWorld } from "./authorization-classes";
import { DECK_ROWS } from "./authorization-decks";
import { LIVE_ROWS } from "./authorization-live";
import { giveFittedParameters } from "./fsrs-helpers";
import { expect, test } from "./fixtures";
import { targetsInCode } from "./routes";
import { captureAction, replay } from "./server-actions";
import { countRows, freshNewCards, readValue } from "./test-database";

/*
 * One row per route handler and server action. A row that touches user data says what an
 * anonymous visitor, another learner and the owner get; every other row says why it is public.
 * The last test lists the routes and actions in the code: one without a row fails it.
 *
 * Server actions are forged the way an attacker would: the owner's browser builds the request,
 * which is stopped before it leaves, then replayed with someone else's cookies.
 */

const DECK = "containers-vs-pods.ru";

interface Party {
  email: string;
  password: string;
  context: BrowserContext;
  page: Page;
  api: APIRequestContext;
}

interface World {
  owner: Party;
  other: Party;
  anonymous: APIRequestContext;
}

interface GuardedRow {
  target: string;
  anonymous: (w: World) => Promise<void>;
  otherLearner: (w: World) => Promise<void>;
  owner: (w: World) => Promise<void>;
}

interface PublicRow {
  target: string;
  public: string;
}

type Row = GuardedRow | PublicRow;

async function newParty(browser: Browser, password = PASSWORD): Promise<Party> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const email = newEmail();
  await register(page, email, password);
  return { email, password, context, page, api: context.request };
}

/** An owner who answered two cards, a second learner with another password, and a stranger. */
async function newWorld(browser: Browser): Promise<World> {
  const [owner, other] = await Promise.all([
    newParty(browser),
    newParty(browser, `${PASSWORD} too`),
  ]);
  await studyCards(owner.page, 2);
  const stranger = await browser.newContext();
  return { owner, other, anonymous: stranger.request };
}

const reviewsOf = (p: Party) =>
  countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerOf(p.email));
const userCount = (p: Party) =>
  countRows(`SELECT count(*) AS n FROM "User" WHERE email = ?`, p.email);
const nameOf = (p: Party) =>
  readValue<string | null>(`SELECT name AS value FROM "User" WHERE email = ?`, p.email);
const hashOf = (p: Party) =>
  readValue<string>(`SELECT "passwordHash" AS value FROM "User" WHERE email = ?`, p.email);
const roleOf = (p: Party) =>
  readValue<string>(`SELECT role AS value FROM "User" WHERE email = ?`, p.email);
const sessionsOf = (p: Party) =>
  countRows(
    `SELECT count(*) AS n FROM "AuthSession" s JOIN "User" u ON u.id = s."userId" WHERE u.email = ?`,
    p.email,
  );
const settingsOf = (p: Party) =>
  readValue<string | null>(
    `SELECT settings AS value FROM "Learner" WHERE id = ?`,
    learnerOf(p.email),
  );
const latestAnswerIdOf = (p: Party) =>
  readValue<string>(
    `SELECT "clientAnswerId" AS value FROM "ReviewLog" WHERE "learnerId" = ? ORDER BY "reviewedAt" DESC LIMIT 1`,
    learnerOf(p.email),
  );

/** A small document that yields a deck. */
const PREVIEW_DOCUMENT = fs.readFileSync(
  path.join(process.cwd(), "data", "sources", "containers-vs-pods.en.md"),
);
const postPreview = (api: APIRequestContext) =>
  api.post("/api/decks/preview", {
    headers: { "content-type": "text/markdown; charset=utf-8" },
    data: PREVIEW_DOCUMENT,
  });
const previewsOf = (p: Party) =>
  countRows(
    `SELECT count(*) AS n FROM "RateLimitEvent" r JOIN "User" u ON u.id = r.key WHERE r.bucket = 'deck-previews:user' AND u.email = ?`,
    p.email,
  );

async function captureAccountForm(
  party: Party,
  formId: string,
  fill: (page: Page) => Promise<void>,
  submitLabel: string,
) {
  await party.page.goto("/account");
  const form = party.page.locator(`form#${formId}`);
  await fill(party.page);
  return captureAction(party.page, () => form.getByRole("button", { name: submitLabel }).click());
}

const captureProfile = (party: Party, name: string) =>
  captureAccountForm(party, "profile", (page) => page.getByLabel("Имя").fill(name), "Сохранить");

const capturePassword = (party: Party) =>
  captureAccountForm(
    party,
    "password",
    async (page) => {
      await page.getByLabel("Текущий пароль").fill(party.password);
      await page.getByLabel("Новый пароль").fill("a brand new passphrase");
    },
    "Смена пароля",
  );

const captureDelete = (party: Party) =>
  captureAccountForm(
    party,
    "delete",
    (page) => page.getByLabel("Почта для подтверждения").fill(party.email),
    "Удалить аккаунт навсегда",
  );

async function captureButton(party: Party, url: string, button: string) {
  await party.page.goto(url);
  return captureAction(party.page, () => party.page.getByRole("button", { name: button }).click());
}

async function captureStudySettings(party: Party, newCardsPerDay: string) {
  await party.page.goto("/study/settings");
  await party.page.getByLabel("Новых карточек в день").fill(newCardsPerDay);
  return captureAction(party.page, () =>
    party.page.getByRole("button", { name: "Сохранить" }).click(),
  );
}

function captureFsrsButton(party: Party, button: string) {
  return captureButton(party, "/study/settings", button);
}

async function fsrsStateOf(api: APIRequestContext) {
  const response = await api.get("/api/study/fsrs-optimisation");
  expect(response.status()).toBe(200);
  return (await response.json()) as { latest: { status: string } | null };
}

const jobsOf = (p: Party) =>
  countRows(
    `SELECT count(*) AS n FROM "FsrsOptimisation" WHERE "learnerId" = ?`,
    learnerOf(p.email),
  );
const fsrsParametersOf = (p: Party) =>
  readValue<string | null>(
    `SELECT "fsrsParameters" AS value FROM "Learner" WHERE id = ?`,
    learnerOf(p.email),
  );

async function studyState(api: APIRequestContext) {
  const response = await api.get(`/api/study?deck=${DECK}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    card: { question: { id: string } } | null;
    counts: { new: number; learning: number; review: number };
  };
}

async function postAnswer(api: APIRequestContext, clientAnswerId: string) {
  const { card } = await studyState(api);
  return api.post("/api/study/answers", {
    data: {
      clientAnswerId,
      questionId: card!.question.id,
      cardVersion: null,
      answer: { type: "reveal" },
      rating: 3,
      durationMs: 1000,
    },
  });
}

const practiceAttemptsOf = (p: Party) =>
  countRows(
    `SELECT count(*) AS n FROM "PracticeAttempt" WHERE "learnerId" = ?`,
    learnerOf(p.email),
  );
const practiceAnswersIn = (attemptId: string) =>
  countRows(`SELECT count(*) AS n FROM "PracticeAnswer" WHERE "attemptId" = ?`, attemptId);
const interviewsOf = (p: Party) =>
  countRows(
    `SELECT count(*) AS n FROM "InterviewSession" WHERE "learnerId" = ?`,
    learnerOf(p.email),
  );
const interviewAnswerText = (sessionId: string) =>
  readValue<string | null>(
    `SELECT text AS value FROM "InterviewAnswer" WHERE "sessionId" = ? AND position = 0`,
    sessionId,
  );
const interviewTicks = (sessionId: string) =>
  readValue<string | null>(
    `SELECT "coveredPoints" AS value FROM "InterviewAnswer" WHERE "sessionId" = ? AND position = 0`,
    sessionId,
  );

async function startPractice(api: APIRequestContext, clientId: string = crypto.randomUUID()) {
  return api.post("/api/practice/attempts", {
    data: { clientId, deckId: DECK, count: 5, kinds: ["true-false"], seed: 1 },
  });
}

/** The owner's practice test, optionally finished with every answer wrong (a reveal). */
async function ownersAttempt(w: World, finished = false): Promise<string> {
  const { attemptId } = (await (await startPractice(w.owner.api)).json()) as { attemptId: string };
  if (finished) {
    const ids = JSON.parse(
      readValue<string>(
        `SELECT "questionIds" AS value FROM "PracticeAttempt" WHERE id = ?`,
        attemptId,
      ),
    ) as string[];
    for (const questionId of ids) {
      const response = await practiceAnswer(w.owner.api, attemptId, questionId);
      expect(response.status()).toBe(201);
    }
  }
  return attemptId;
}

function practiceAnswer(api: APIRequestContext, attemptId: string, questionId?: string) {
  const id =
    questionId ??
    (
      JSON.parse(
        readValue<string>(
          `SELECT "questionIds" AS value FROM "PracticeAttempt" WHERE id = ?`,
          attemptId,
        ),
      ) as string[]
    )[0]!;
  return api.post(`/api/practice/attempts/${attemptId}/answers`, {
    data: {
      clientAnswerId: crypto.randomUUID(),
      questionId: id,
      answer: { type: "reveal" },
      durationMs: 1000,
    },
  });
}

async function startInterview(api: APIRequestContext, clientId: string = crypto.randomUUID()) {
  return api.post("/api/interviews", { data: { clientId, deckId: DECK, count: 2 } });
}

/** The owner's interview, optionally with its first question answered. */
async function ownersInterview(w: World, answered = false): Promise<string> {
  const { sessionId } = (await (await startInterview(w.owner.api)).json()) as {
    sessionId: string;
  };
  if (answered) {
    expect((await interviewAnswer(w.owner.api, sessionId)).status()).toBe(200);
  }
  return sessionId;
}

function interviewAnswer(api: APIRequestContext, sessionId: string) {
  return api.post(`/api/interviews/${sessionId}/answers`, {
    data: { position: 0, clientAnswerId: crypto.randomUUID(), text: "forged" },
  });
}

function interviewCheck(api: APIRequestContext, sessionId: string) {
  return api.post(`/api/interviews/${sessionId}/checks`, {
    data: { position: 0, coveredPoints: [0] },
  });
}

/** The first active question of the deck: every party reports the same one. */
const reportedQuestion = () =>
  readValue<string>(
    `SELECT id AS value FROM "Question" WHERE "deckId" = ? AND "retiredAt" IS NULL ORDER BY position LIMIT 1`,
    DECK,
  );

function postReport(api: APIRequestContext, reason: string, comment: string) {
  return api.post(`/api/questions/${reportedQuestion()}/reports`, { data: { reason, comment } });
}

/** The owner's report as stored, and how many reports the question has. */
const ownersReport = (w: World) =>
  readValue<string | undefined>(
    `SELECT reason || ' / ' || comment AS value FROM "QuestionReport" WHERE "learnerId" = ? AND "questionId" = ?`,
    learnerOf(w.owner.email),
    reportedQuestion(),
  );
const reportsOnQuestion = () =>
  countRows(
    `SELECT count(*) AS n FROM "QuestionReport" WHERE "questionId" = ?`,
    reportedQuestion(),
  );

const ROWS: Row[] = [
  { target: "GET /api/health", public: "liveness probe; reads no user data" },
  ...["DELETE", "GET", "PATCH", "POST", "PUT"].map((method) => ({
    target: `${method} /api/[...path]`,
    public: "a JSON 404 for any /api/ path no route handles",
  })),
  {
    target: "GET /api/bench/baseline",
    public: "benchmark baseline; 404 unless the bench server enables it; no user data",
  },
  {
    target: "POST /api/bench/baseline",
    public: "benchmark baseline; 404 unless the bench server enables it; no user data",
  },
  { target: "GET /api/auth/[...nextauth]", public: "Auth.js itself: session, providers, CSRF" },
  { target: "POST /api/auth/[...nextauth]", public: "Auth.js itself: sign-in, rate-limited" },
  { target: "action app/login/actions.ts#login", public: "signing in is how one gets a session" },
  { target: "action app/register/actions.ts#register", public: "creates a new account" },
  { target: "action lib/i18n/set-locale-action.ts#setLocale", public: "sets a cookie only" },
  { target: "action app/login/actions.ts#signInWith", public: "starts a GitHub or Google sign-in" },
  {
    target: "GET /api/study",
    anonymous: async (w) => {
      const response = await w.anonymous.get(`/api/study?deck=${DECK}`);
      expect(response.headers()["set-cookie"], "a look must not create a learner").toBeUndefined();
      expect((await response.json()).counts.new).toBe(freshNewCards(DECK));
    },
    otherLearner: async (w) => {
      expect((await studyState(w.other.api)).counts.new).toBe(freshNewCards(DECK));
    },
    owner: async (w) => {
      const state = await studyState(w.owner.api);
      expect(state.counts.new, "the owner's two answers count").toBe(freshNewCards(DECK) - 2);
    },
  },
  {
    target: "POST /api/study/answers",
    anonymous: async (w) => {
      const response = await postAnswer(w.anonymous, latestAnswerIdOf(w.owner));
      expect(response.status(), "a stranger becomes a guest of their own").toBe(201);
      expect(reviewsOf(w.owner)).toBe(2);
    },
    otherLearner: async (w) => {
      const response = await postAnswer(w.other.api, latestAnswerIdOf(w.owner));
      expect(response.status(), "the owner's answer id does not replay for another").toBe(201);
      expect(reviewsOf(w.other)).toBe(1);
      expect(reviewsOf(w.owner)).toBe(2);
    },
    owner: async (w) => {
      const response = await postAnswer(w.owner.api, crypto.randomUUID());
      expect(response.status()).toBe(201);
      expect(reviewsOf(w.owner)).toBe(3);
    },
  },
  {
    target: "POST /api/study/undo",
    anonymous: async (w) => {
      const response = await w.anonymous.post("/api/study/undo", {
        data: { clientAnswerId: latestAnswerIdOf(w.owner) },
      });
      expect(response.status()).toBe(403);
      expect(reviewsOf(w.owner)).toBe(2);
    },
    otherLearner: async (w) => {
      const response = await w.other.api.post("/api/study/undo", {
        data: { clientAnswerId: latestAnswerIdOf(w.owner) },
      });
      expect([404, 409]).toContain(response.status());
      expect(reviewsOf(w.owner)).toBe(2);
    },
    owner: async (w) => {
      const response = await w.owner.api.post("/api/study/undo", {
        data: { clientAnswerId: latestAnswerIdOf(w.owner) },
      });
      expect(response.status()).toBe(200);
      expect(reviewsOf(w.owner)).toBe(1);
    },
  },
  {
    target: "GET /api/account/export",
    anonymous: async (w) => {
      expect((await w.anonymous.get("/api/account/export")).status()).toBe(401);
    },
    otherLearner: async (w) => {
      const data = await (await w.other.api.get("/api/account/export")).json();
      expect(data.profile.email).toBe(w.other.email);
      expect(data.reviewLogs).toHaveLength(0);
    },
    owner: async (w) => {
      const data = await (await w.owner.api.get("/api/account/export")).json();
      expect(data.profile.email).toBe(w.owner.email);
      expect(data.reviewLogs).toHaveLength(2);
      // The same two answers in the FSRS optimiser's CSV: a header and two rows.
      expect(data.reviewHistoryCsv.trim().split("\n")).toHaveLength(3);
    },
  },
  {
    target: "GET /api/account/reviews.csv",
    anonymous: async (w) => {
      expect((await w.anonymous.get("/api/account/reviews.csv")).status()).toBe(401);
    },
    otherLearner: async (w) => {
      const csv = await (await w.other.api.get("/api/account/reviews.csv")).text();
      expect(csv.trim().split("\n")).toHaveLength(1);
    },
    owner: async (w) => {
      const csv = await (await w.owner.api.get("/api/account/reviews.csv")).text();
      const [header, ...rows] = csv.trim().split("\n");
      expect(header).toBe("card_id,review_time,review_rating,review_state,review_duration");
      expect(rows).toHaveLength(2);
    },
  },
  {
    target: "action app/account/actions.ts#saveProfile",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureProfile(w.owner, "Forged"));
      expect(nameOf(w.owner)).toBeNull();
    },
    otherLearner: async (w) => {
      await replay(w.other.api, await captureProfile(w.owner, "Forged"));
      expect(nameOf(w.owner)).toBeNull();
      expect(nameOf(w.other), "the action only ever edits the caller").toBe("Forged");
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureProfile(w.owner, "Owner"));
      expect(nameOf(w.owner)).toBe("Owner");
    },
  },
  {
    target: "action app/account/actions.ts#savePassword",
    anonymous: async (w) => {
      const before = hashOf(w.owner);
      await replay(w.anonymous, await capturePassword(w.owner));
      expect(hashOf(w.owner)).toBe(before);
    },
    otherLearner: async (w) => {
      const [owner, other] = [hashOf(w.owner), hashOf(w.other)];
      await replay(w.other.api, await capturePassword(w.owner));
      expect(hashOf(w.owner)).toBe(owner);
      expect(hashOf(w.other), "the owner's current password is not the other's").toBe(other);
    },
    owner: async (w) => {
      const before = hashOf(w.owner);
      await replay(w.owner.api, await capturePassword(w.owner));
      expect(hashOf(w.owner)).not.toBe(before);
      expect(sessionsOf(w.owner)).toBe(0);
    },
  },
  {
    target: "action app/account/actions.ts#removeAccount",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureDelete(w.owner));
      expect(userCount(w.owner)).toBe(1);
    },
    otherLearner: async (w) => {
      await replay(w.other.api, await captureDelete(w.owner));
      expect(userCount(w.owner)).toBe(1);
      expect(userCount(w.other), "the confirmation names the owner, not the caller").toBe(1);
    },
    owner: async (w) => {
      const learnerId = learnerOf(w.owner.email);
      await replay(w.owner.api, await captureDelete(w.owner));
      expect(userCount(w.owner)).toBe(0);
      expect(
        countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerId),
      ).toBe(0);
    },
  },
  {
    target: "action app/account/actions.ts#upgradeToTeacher",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureButton(w.owner, "/account", "Стать преподавателем"));
      expect(roleOf(w.owner)).toBe("learner");
    },
    otherLearner: async (w) => {
      await replay(w.other.api, await captureButton(w.owner, "/account", "Стать преподавателем"));
      expect(roleOf(w.owner)).toBe("learner");
      expect(roleOf(w.other)).toBe("teacher");
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureButton(w.owner, "/account", "Стать преподавателем"));
      expect(roleOf(w.owner)).toBe("teacher");
    },
  },
  {
    target: "action app/account/actions.ts#logOut",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureButton(w.owner, "/account", "Выйти"));
      expect(sessionsOf(w.owner)).toBe(1);
    },
    otherLearner: async (w) => {
      await replay(w.other.api, await captureButton(w.owner, "/account", "Выйти"));
      expect(sessionsOf(w.owner)).toBe(1);
      expect(sessionsOf(w.other)).toBe(0);
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureButton(w.owner, "/account", "Выйти"));
      expect(sessionsOf(w.owner)).toBe(0);
    },
  },
  {
    target: "action app/study/settings/actions.ts#saveStudySettings",
    anonymous: async (w) => {
      const before = settingsOf(w.owner);
      await replay(w.anonymous, await captureStudySettings(w.owner, "7"));
      expect(settingsOf(w.owner)).toBe(before);
    },
    otherLearner: async (w) => {
      const before = settingsOf(w.owner);
      await replay(w.other.api, await captureStudySettings(w.owner, "7"));
      expect(settingsOf(w.owner)).toBe(before);
      expect(JSON.parse(settingsOf(w.other) ?? "{}").newCardsPerDay).toBe(7);
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureStudySettings(w.owner, "9"));
      expect(JSON.parse(settingsOf(w.owner) ?? "{}").newCardsPerDay).toBe(9);
    },
  },
  {
    target: "GET /api/study/fsrs-optimisation",
    anonymous: async (w) => {
      // The owner has a job; nobody else may see it.
      await replay(w.owner.api, await captureFsrsButton(w.owner, "Подобрать мои параметры"));
      expect(jobsOf(w.owner)).toBe(1);
      expect(await fsrsStateOf(w.anonymous)).toMatchObject({ latest: null });
    },
    otherLearner: async (w) => {
      expect(await fsrsStateOf(w.other.api)).toMatchObject({ latest: null });
    },
    owner: async (w) => {
      const state = await fsrsStateOf(w.owner.api);
      expect(state.latest).not.toBeNull();
    },
  },
  {
    target: "action app/study/settings/actions.ts#optimiseFsrsParameters",
    anonymous: async (w) => {
      await replay(w.anonymous, await captureFsrsButton(w.owner, "Подобрать мои параметры"));
      expect(jobsOf(w.owner)).toBe(0);
    },
    otherLearner: async (w) => {
      await replay(w.other.api, await captureFsrsButton(w.owner, "Подобрать мои параметры"));
      expect(jobsOf(w.owner)).toBe(0);
      expect(jobsOf(w.other)).toBe(1);
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureFsrsButton(w.owner, "Подобрать мои параметры"));
      expect(jobsOf(w.owner)).toBe(1);
    },
  },
  {
    target: "action app/study/settings/actions.ts#resetFsrsParametersToDefaults",
    anonymous: async (w) => {
      giveFittedParameters(learnerOf(w.owner.email));
      await replay(w.anonymous, await captureFsrsButton(w.owner, "Вернуть параметры по умолчанию"));
      expect(fsrsParametersOf(w.owner)).not.toBeNull();
    },
    otherLearner: async (w) => {
      await replay(w.other.api, await captureFsrsButton(w.owner, "Вернуть параметры по умолчанию"));
      expect(fsrsParametersOf(w.owner)).not.toBeNull();
    },
    owner: async (w) => {
      await replay(w.owner.api, await captureFsrsButton(w.owner, "Вернуть параметры по умолчанию"));
      expect(fsrsParametersOf(w.owner)).toBeNull();
    },
  },
  {
    target: "POST /api/practice/attempts",
    anonymous: async (w) => {
      expect((await startPractice(w.anonymous)).status(), "a stranger tests as a guest").toBe(201);
      expect(practiceAttemptsOf(w.owner)).toBe(0);
    },
    otherLearner: async (w) => {
      const clientId = crypto.randomUUID();
      const mine = await (await startPractice(w.owner.api, clientId)).json();
      const theirs = await startPractice(w.other.api, clientId);
      expect(theirs.status(), "the owner's client id does not replay for another").toBe(201);
      expect((await theirs.json()).attemptId).not.toBe(mine.attemptId);
      expect(practiceAttemptsOf(w.owner)).toBe(1);
    },
    owner: async (w) => {
      expect((await startPractice(w.owner.api)).status()).toBe(201);
      expect(practiceAttemptsOf(w.owner)).toBe(2);
    },
  },
  {
    target: "POST /api/practice/attempts/[attemptId]/answers",
    anonymous: async (w) => {
      const attemptId = await ownersAttempt(w);
      expect((await practiceAnswer(w.anonymous, attemptId)).status()).toBe(404);
      expect(practiceAnswersIn(attemptId)).toBe(0);
    },
    otherLearner: async (w) => {
      const attemptId = await ownersAttempt(w);
      expect((await practiceAnswer(w.other.api, attemptId)).status()).toBe(404);
      expect(practiceAnswersIn(attemptId)).toBe(0);
    },
    owner: async (w) => {
      const attemptId = await ownersAttempt(w);
      expect((await practiceAnswer(w.owner.api, attemptId)).status()).toBe(201);
      expect(practiceAnswersIn(attemptId)).toBe(1);
    },
  },
  {
    target: "POST /api/practice/attempts/[attemptId]/retry",
    anonymous: async (w) => {
      const attemptId = await ownersAttempt(w, true);
      const response = await w.anonymous.post(`/api/practice/attempts/${attemptId}/retry`, {
        data: { clientId: crypto.randomUUID() },
      });
      expect(response.status()).toBe(404);
      expect(practiceAttemptsOf(w.owner)).toBe(1);
    },
    otherLearner: async (w) => {
      const attemptId = await ownersAttempt(w, true);
      const response = await w.other.api.post(`/api/practice/attempts/${attemptId}/retry`, {
        data: { clientId: crypto.randomUUID() },
      });
      expect(response.status()).toBe(404);
      expect(practiceAttemptsOf(w.owner)).toBe(2);
    },
    owner: async (w) => {
      const attemptId = await ownersAttempt(w, true);
      const response = await w.owner.api.post(`/api/practice/attempts/${attemptId}/retry`, {
        data: { clientId: crypto.randomUUID() },
      });
      expect(response.status()).toBe(201);
      expect(practiceAttemptsOf(w.owner)).toBe(4);
    },
  },
  {
    target: "POST /api/interviews",
    anonymous: async (w) => {
      expect((await startInterview(w.anonymous)).status()).toBe(201);
      expect(interviewsOf(w.owner)).toBe(0);
    },
    otherLearner: async (w) => {
      const clientId = crypto.randomUUID();
      const mine = await (await startInterview(w.owner.api, clientId)).json();
      const theirs = await startInterview(w.other.api, clientId);
      expect(theirs.status()).toBe(201);
      expect((await theirs.json()).sessionId).not.toBe(mine.sessionId);
      expect(interviewsOf(w.owner)).toBe(1);
    },
    owner: async (w) => {
      expect((await startInterview(w.owner.api)).status()).toBe(201);
      expect(interviewsOf(w.owner)).toBe(2);
    },
  },
  {
    target: "POST /api/interviews/[sessionId]/answers",
    anonymous: async (w) => {
      const sessionId = await ownersInterview(w);
      expect((await interviewAnswer(w.anonymous, sessionId)).status()).toBe(404);
      expect(interviewAnswerText(sessionId)).toBeNull();
    },
    otherLearner: async (w) => {
      const sessionId = await ownersInterview(w);
      expect((await interviewAnswer(w.other.api, sessionId)).status()).toBe(404);
      expect(interviewAnswerText(sessionId)).toBeNull();
    },
    owner: async (w) => {
      const sessionId = await ownersInterview(w);
      expect((await interviewAnswer(w.owner.api, sessionId)).status()).toBe(200);
      expect(interviewAnswerText(sessionId)).toBe("forged");
    },
  },
  {
    target: "POST /api/interviews/[sessionId]/checks",
    anonymous: async (w) => {
      const sessionId = await ownersInterview(w, true);
      expect((await interviewCheck(w.anonymous, sessionId)).status()).toBe(404);
      expect(interviewTicks(sessionId)).toBeNull();
    },
    otherLearner: async (w) => {
      const sessionId = await ownersInterview(w, true);
      expect((await interviewCheck(w.other.api, sessionId)).status()).toBe(404);
      expect(interviewTicks(sessionId)).toBeNull();
    },
    owner: async (w) => {
      const sessionId = await ownersInterview(w, true);
      expect((await interviewCheck(w.owner.api, sessionId)).status()).toBe(200);
      expect(interviewTicks(sessionId)).toBe("[0]");
    },
  },
  {
    // Reports are write-only (no read route): a party can only ever create or change its own.
    target: "POST /api/questions/[questionId]/reports",
    anonymous: async (w) => {
      expect((await postReport(w.owner.api, "wrong-answer", "owner's")).status()).toBe(200);
      const before = reportsOnQuestion();
      const response = await postReport(w.anonymous, "other", "forged");
      expect(response.status(), "a stranger reports as a guest of their own").toBe(200);
      expect(ownersReport(w)).toBe("wrong-answer / owner's");
      expect(reportsOnQuestion()).toBe(before + 1);
    },
    otherLearner: async (w) => {
      const before = reportsOnQuestion();
      const response = await postReport(w.other.api, "other", "forged");
      expect(response.status()).toBe(200);
      expect(ownersReport(w), "another learner's report is a new row").toBe(
        "wrong-answer / owner's",
      );
      expect(reportsOnQuestion()).toBe(before + 1);
    },
    owner: async (w) => {
      const before = reportsOnQuestion();
      const response = await postReport(w.owner.api, "ambiguous", "changed my mind");
      expect(response.status()).toBe(200);
      expect(ownersReport(w), "the owner's report is updated").toBe("ambiguous / changed my mind");
      expect(reportsOnQuestion(), "not doubled").toBe(before);
    },
  },
  {
    // Nothing is saved; a preview only counts against its caller's own hourly limit.
    target: "POST /api/decks/preview",
    anonymous: async (w) => {
      expect((await postPreview(w.anonymous)).status()).toBe(401);
    },
    otherLearner: async (w) => {
      const response = await postPreview(w.other.api);
      expect(response.status()).toBe(200);
      expect((await response.json()).preview.summary.concepts).toHaveLength(2);
      expect(previewsOf(w.other)).toBe(1);
      expect(previewsOf(w.owner)).toBe(0);
    },
    owner: async (w) => {
      expect((await postPreview(w.owner.api)).status()).toBe(200);
      expect(previewsOf(w.owner)).toBe(1);
    },
  },
];

for (const row of [...ROWS, ...LIVE_ROWS]) {
  if ("public" in row) continue;
  test(`authorization: ${row.target}`, async ({ browser }) => {
    const world = await newWorld(browser);
    try {
      await test.step("anonymous", () => row.anonymous(world));
      await test.step("another learner", () => row.otherLearner(world));
      await test.step("the owner", () => row.owner(world));
    } finally {
      await Promise.all([world.owner.context.close(), world.other.context.close()]);
    }
  });
}

// The classroom's rows (e2e/authorization-classes.ts) need teachers, classes and students.
test.describe("classes", () => {
  // A world registers three accounts (argon2) and sets up two classes.
  test.describe.configure({ timeout: 120_000 });
  for (const row of [...CLASS_ROWS, ...ASSIGNMENT_ROWS]) {
    test(`authorization: ${row.target}`, async ({ browser }) => {
      const world = await newClassWorld(browser);
      try {
        await test.step("anonymous", () => row.anonymous(world));
        await test.step("a student of another class", () => row.otherStudent(world));
        await test.step("another teacher", () => row.otherTeacher(world));
        await test.step("the owner", () => row.owner(world));
      } finally {
        await world.close();
      }
    });
  }

  // Own decks' rows build on each other (the first saves the deck), so they share one world.
  test(`authorization: ${DECK_ROWS.map((row) => row.target).join(", ")}`, async ({ browser }) => {
    const world = await newClassWorld(browser);
    try {
      for (const row of DECK_ROWS) {
        await test.step(`${row.target}: anonymous`, () => row.anonymous(world));
        await test.step(`${row.target}: a student of another class`, () => row.otherStudent(world));
        await test.step(`${row.target}: another teacher`, () => row.otherTeacher(world));
        await test.step(`${row.target}: the owner`, () => row.owner(world));
      }
    } finally {
      await world.close();
    }
  });

  test("a class page is its teacher's and its students' only", async ({ browser }) => {
    const world = await newClassWorld(browser);
    try {
      await checkClassPages(world);
    } finally {
      await world.close();
    }
  });

  test("assignment pages are the teacher's, an assignment's study session its students'", async ({
    browser,
  }) => {
    const world = await newClassWorld(browser);
    try {
      await checkAssignmentPages(world);
    } finally {
      await world.close();
    }
  });
});

test("every route handler and server action has a row in the authorization table", () => {
  const inCode = targetsInCode();
  expect(inCode.length).toBeGreaterThan(10);
  expect(
    [...ROWS, ...CLASS_ROWS, ...ASSIGNMENT_ROWS, ...LIVE_ROWS, ...DECK_ROWS]
      .map((row) => row.target)
      .sort(),
  ).toEqual(inCode);
});
