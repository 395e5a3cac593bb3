import type { APIRequestContext, Page } from "@playwright/test";
import { PASSWORD, learnerOf, newEmail, register, studyCards } from "./account-helpers";
import { expect, test } from "./fixtures";
import { countRows, readValue } from "./test-database";

/*
 * Another site can make a signed-in learner's browser send a request: an HTML form (urlencoded,
 * multipart or text/plain) or a no-cors fetch. Every JSON route that changes data refuses it with
 * 403 before reading the body, and refuses any body that is not application/json with 415.
 */

const DECK = "containers-vs-pods.ru";
const EVIL = "http://evil.example";

interface Victim {
  email: string;
  api: APIRequestContext;
  attemptId: string;
  sessionId: string;
}

/** A signed-in learner with two answers, a practice test and an interview. */
async function newVictim(page: Page): Promise<Victim> {
  const email = newEmail();
  await register(page, email, PASSWORD);
  await studyCards(page, 2);
  const api = page.context().request;
  const attempt = await api.post("/api/practice/attempts", {
    data: { clientId: crypto.randomUUID(), deckId: DECK, count: 5, kinds: ["true-false"], seed: 1 },
  });
  const interview = await api.post("/api/interviews", {
    data: { clientId: crypto.randomUUID(), deckId: DECK, count: 2 },
  });
  expect([attempt.status(), interview.status()]).toEqual([201, 201]);
  return {
    email,
    api,
    attemptId: ((await attempt.json()) as { attemptId: string }).attemptId,
    sessionId: ((await interview.json()) as { sessionId: string }).sessionId,
  };
}

/** Every route handler that takes a JSON body and changes data, with a body it would accept. */
function jsonRoutes(v: Victim): { path: string; data: unknown }[] {
  return [
    {
      path: "/api/study/answers",
      data: {
        clientAnswerId: crypto.randomUUID(),
        questionId: "x",
        cardVersion: null,
        answer: { type: "reveal" },
        rating: 3,
        durationMs: 1,
      },
    },
    { path: "/api/study/undo", data: { clientAnswerId: "x" } },
    {
      path: "/api/practice/attempts",
      data: { clientId: crypto.randomUUID(), deckId: DECK, count: 5 },
    },
    {
      path: `/api/practice/attempts/${v.attemptId}/answers`,
      data: {
        clientAnswerId: crypto.randomUUID(),
        questionId: "x",
        answer: { type: "reveal" },
        durationMs: 1,
      },
    },
    {
      path: `/api/practice/attempts/${v.attemptId}/retry`,
      data: { clientId: crypto.randomUUID() },
    },
    { path: "/api/interviews", data: { clientId: crypto.randomUUID(), deckId: DECK, count: 2 } },
    {
      path: `/api/interviews/${v.sessionId}/answers`,
      data: { position: 0, clientAnswerId: crypto.randomUUID(), text: "forged" },
    },
    { path: `/api/interviews/${v.sessionId}/checks`, data: { position: 0, coveredPoints: [0] } },
    { path: "/api/join/K7QD-M3XR", data: { displayName: "Forged" } },
  ];
}

/** What the victim has stored: no forged request may change any of it. */
function footprint(v: Victim) {
  const learnerId = learnerOf(v.email);
  return {
    reviews: countRows(`SELECT count(*) AS n FROM "ReviewLog" WHERE "learnerId" = ?`, learnerId),
    attempts: countRows(
      `SELECT count(*) AS n FROM "PracticeAttempt" WHERE "learnerId" = ?`,
      learnerId,
    ),
    practiceAnswers: countRows(
      `SELECT count(*) AS n FROM "PracticeAnswer" WHERE "attemptId" = ?`,
      v.attemptId,
    ),
    interviews: countRows(
      `SELECT count(*) AS n FROM "InterviewSession" WHERE "learnerId" = ?`,
      learnerId,
    ),
    enrollments: countRows(
      `SELECT count(*) AS n FROM "Enrollment" WHERE "learnerId" = ?`,
      learnerId,
    ),
    interviewAnswer: readValue<string | null>(
      `SELECT text AS value FROM "InterviewAnswer" WHERE "sessionId" = ? AND position = 0`,
      v.sessionId,
    ),
  };
}

test("forged form posts and cross-site requests to the JSON routes get 403 and change nothing", async ({
  page,
}) => {
  const victim = await newVictim(page);
  const before = footprint(victim);
  const forgeries: { name: string; headers: Record<string, string>; body: string }[] = [
    {
      name: "urlencoded form from another site",
      headers: {
        origin: EVIL,
        "sec-fetch-site": "cross-site",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "clientAnswerId=x",
    },
    {
      name: "text/plain form from another site",
      headers: { origin: EVIL, "content-type": "text/plain" },
      body: '{"clientAnswerId":"x","pad":"="}',
    },
    {
      name: "JSON with a foreign Origin",
      headers: { origin: EVIL, "content-type": "application/json" },
      body: "{}",
    },
    {
      name: "JSON marked cross-site, without Origin",
      headers: { "sec-fetch-site": "cross-site", "content-type": "application/json" },
      body: "{}",
    },
  ];
  for (const route of jsonRoutes(victim)) {
    for (const forgery of forgeries) {
      const response = await victim.api.post(route.path, {
        headers: forgery.headers,
        data: forgery.name.startsWith("JSON") ? JSON.stringify(route.data) : forgery.body,
      });
      expect(response.status(), `${forgery.name} to ${route.path}`).toBe(403);
      expect(await response.json()).toMatchObject({ error: "forbidden" });
    }
    const plain = await victim.api.post(route.path, {
      headers: { "content-type": "text/plain" },
      data: JSON.stringify(route.data),
    });
    expect(plain.status(), `same-site text/plain to ${route.path}`).toBe(415);
  }
  expect(footprint(victim)).toEqual(before);
});

test("a form on another site that posts to /api/study/answers in the learner's browser is refused", async ({
  page,
  context,
  baseURL,
}) => {
  const victim = await newVictim(page);
  const before = footprint(victim);
  // The classic trick: a text/plain form whose single field spells out a JSON body.
  await context.route(`${EVIL}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><form method="post" enctype="text/plain" action="${baseURL}/api/study/answers">
        <input name='{"clientAnswerId":"forged","questionId":"x","cardVersion":null,"answer":{"type":"reveal"},"rating":3,"durationMs":1,"pad":"' value='"}'>
      </form><script>document.forms[0].submit()</script>`,
    }),
  );
  // Its own tab: the refused post logs a console error that belongs to the attack, not the app.
  const evil = await context.newPage();
  const [response] = await Promise.all([
    evil.waitForResponse(`${baseURL}/api/study/answers`),
    evil.goto(`${EVIL}/prize`),
  ]);
  expect(response.status()).toBe(403);
  expect(response.request().headers()["origin"]).toBe(EVIL);
  expect(footprint(victim)).toEqual(before);

  // The app's own pages still post JSON from the same origin.
  await studyCards(page, 1);
  expect(footprint(victim).reviews).toBe(before.reviews + 1);
});
