import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "./fixtures";
import { countRows, readValue } from "./test-database";

/*
 * Authorization rows of the live quiz. The World of authorization.test.ts: `owner` hosts a game
 * and also joins it as its player; `other` is a signed-in user who hosts and plays a game of
 * their own ("another game's player"); `anonymous` has no session and no player cookie.
 */

const DECK = "containers-vs-pods.ru";

interface Party {
  page: Page;
  api: APIRequestContext;
}

interface World {
  owner: Party;
  other: Party;
  anonymous: APIRequestContext;
}

interface LiveRow {
  target: string;
  anonymous: (w: World) => Promise<void>;
  otherLearner: (w: World) => Promise<void>;
  owner: (w: World) => Promise<void>;
}

interface PublicRow {
  target: string;
  public: string;
}

/** A game of `host`, which `host` also joins as a player (its cookie lands in their browser). */
async function hostAndJoin(host: Party, nickname: string) {
  const created = await host.api.post("/api/live/games", {
    data: { deckId: DECK, questionCount: 2 },
  });
  expect(created.status()).toBe(201);
  const game = (await created.json()) as { gameId: string; pin: string };
  const joined = await host.api.post(`/api/live/pins/${game.pin}/players`, { data: { nickname } });
  expect(joined.status()).toBe(201);
  return game;
}

const phaseOf = (gameId: string) =>
  readValue<string>(`SELECT phase AS value FROM "LiveGame" WHERE id = ?`, gameId);
const answersIn = (gameId: string) =>
  countRows(`SELECT count(*) AS n FROM "LiveAnswer" WHERE "gameId" = ?`, gameId);

const start = (api: APIRequestContext, gameId: string) =>
  api.post(`/api/live/games/${gameId}/host`, { data: { command: "start" } });

async function firstOption(page: Page, gameId: string): Promise<string> {
  // The player's own stream shows the options (never the right one while the question is open).
  const first = await readFirstEvent(page, `/api/live/games/${gameId}/player/events`);
  expect(first.status).toBe(200);
  const snapshot = JSON.parse(/data: (.*)/.exec(first.text)![1]!) as {
    question: { options: { id: string }[] };
  };
  return snapshot.question.options[0]!.id;
}

/** Opens an event stream in the page (with its cookies), reads its first snapshot, closes it. */
async function readFirstEvent(page: Page, url: string) {
  return page.evaluate(async (url) => {
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    if (!response.ok || !response.body) {
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        text: await response.text(),
      };
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (
      !text.includes("event: snapshot") ||
      !text.includes("\n\n", text.indexOf("event: snapshot"))
    ) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    const at = text.indexOf("event: snapshot");
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      text: text.slice(at),
    };
  }, url);
}

async function ensurePage(party: Party) {
  if (party.page.url() === "about:blank") await party.page.goto("/");
}

/** A game of `owner`, who joined it signed in, answered its first question and ended it. */
async function finishedGame(owner: Party) {
  const game = await hostAndJoin(owner, "Player");
  await start(owner.api, game.gameId);
  await ensurePage(owner);
  const choice = await firstOption(owner.page, game.gameId);
  const answered = await owner.api.post(`/api/live/games/${game.gameId}/answers`, {
    data: { questionIndex: 0, choice },
  });
  expect(answered.status()).toBe(201);
  const ended = await owner.api.post(`/api/live/games/${game.gameId}/host`, {
    data: { command: "end" },
  });
  expect(ended.status()).toBe(200);
  return game;
}

const reviewsAddedIn = (gameId: string) =>
  countRows(
    `SELECT count(*) AS n FROM "LivePlayer" WHERE "gameId" = ? AND "reviewsAddedAt" IS NOT NULL`,
    gameId,
  );
const cardsOfPlayers = (gameId: string) =>
  countRows(
    `SELECT count(*) AS n FROM "Card" WHERE "learnerId" IN (SELECT "learnerId" FROM "LivePlayer" WHERE "gameId" = ?)`,
    gameId,
  );

/** The host's CSV and their two pages (projector screen, report): theirs only, 404 for others. */
const hostOnly = (gameId: string) => [
  `/api/live/games/${gameId}/report`,
  `/live/host/${gameId}`,
  `/live/host/${gameId}/report`,
];

export const LIVE_ROWS: (LiveRow | PublicRow)[] = [
  {
    target: "GET /api/live/pins/[pin]",
    public:
      "finds a game by its PIN, like a class join code (wrong PINs limited per address); tells its deck's title and phase",
  },
  {
    target: "POST /api/live/pins/[pin]/players",
    public:
      "joining needs only the PIN, no account (wrong PINs limited per address); the player token is new, or this browser's own",
  },
  {
    target: "POST /api/live/games",
    anonymous: async (w) => {
      const response = await w.anonymous.post("/api/live/games", { data: { deckId: DECK } });
      expect(response.status()).toBe(401);
    },
    otherLearner: async (w) => {
      const response = await w.other.api.post("/api/live/games", { data: { deckId: DECK } });
      expect(response.status(), "any signed-in user hosts a game of their own").toBe(201);
    },
    owner: async (w) => {
      const response = await w.owner.api.post("/api/live/games", { data: { deckId: DECK } });
      expect(response.status()).toBe(201);
    },
  },
  {
    target: "POST /api/live/games/[gameId]/host",
    anonymous: async (w) => {
      const game = await hostAndJoin(w.owner, "Host");
      expect((await start(w.anonymous, game.gameId)).status()).toBe(401);
      expect(phaseOf(game.gameId)).toBe("lobby");
    },
    otherLearner: async (w) => {
      const game = await hostAndJoin(w.owner, "Host");
      expect((await start(w.other.api, game.gameId)).status()).toBe(404);
      expect(phaseOf(game.gameId)).toBe("lobby");
    },
    owner: async (w) => {
      const game = await hostAndJoin(w.owner, "Host");
      expect((await start(w.owner.api, game.gameId)).status()).toBe(200);
      expect(phaseOf(game.gameId)).toBe("question");
    },
  },
  {
    target: "GET /api/live/games/[gameId]/host/events",
    anonymous: async (w) => {
      const game = await hostAndJoin(w.owner, "Host");
      expect((await w.anonymous.get(`/api/live/games/${game.gameId}/host/events`)).status()).toBe(
        401,
      );
    },
    otherLearner: async (w) => {
      const game = await hostAndJoin(w.owner, "Host");
      await ensurePage(w.other);
      const seen = await readFirstEvent(w.other.page, `/api/live/games/${game.gameId}/host/events`);
      expect(seen.status).toBe(404);
    },
    owner: async (w) => {
      const game = await hostAndJoin(w.owner, "Host");
      await ensurePage(w.owner);
      const seen = await readFirstEvent(w.owner.page, `/api/live/games/${game.gameId}/host/events`);
      expect(seen).toMatchObject({ status: 200, type: "text/event-stream; charset=utf-8" });
      expect(seen.text).toContain(`"pin":"${game.pin}"`);
    },
  },
  {
    target: "GET /api/live/games/[gameId]/player/events",
    anonymous: async (w) => {
      const game = await hostAndJoin(w.owner, "Player");
      expect((await w.anonymous.get(`/api/live/games/${game.gameId}/player/events`)).status()).toBe(
        401,
      );
    },
    otherLearner: async (w) => {
      const game = await hostAndJoin(w.owner, "Player");
      await hostAndJoin(w.other, "Elsewhere");
      await ensurePage(w.other);
      const seen = await readFirstEvent(
        w.other.page,
        `/api/live/games/${game.gameId}/player/events`,
      );
      expect(seen.status, "another game's player is no player here").toBe(401);
    },
    owner: async (w) => {
      const game = await hostAndJoin(w.owner, "Player");
      await ensurePage(w.owner);
      const seen = await readFirstEvent(
        w.owner.page,
        `/api/live/games/${game.gameId}/player/events`,
      );
      expect(seen.status).toBe(200);
      expect(seen.text).toContain(`"nickname":"Player"`);
      expect(seen.text).not.toContain(`"pin"`);
    },
  },
  {
    // The report's CSV; the same steps check the host screen and report pages.
    target: "GET /api/live/games/[gameId]/report",
    anonymous: async (w) => {
      const game = await hostAndJoin(w.owner, "Host");
      for (const url of hostOnly(game.gameId)) {
        expect((await w.anonymous.get(url)).status(), url).toBe(404);
      }
    },
    otherLearner: async (w) => {
      const game = await hostAndJoin(w.owner, "Host");
      for (const url of hostOnly(game.gameId)) {
        expect((await w.other.api.get(url)).status(), url).toBe(404);
      }
    },
    owner: async (w) => {
      const game = await hostAndJoin(w.owner, "Host");
      const [csv, ...pages] = await Promise.all(
        hostOnly(game.gameId).map((url) => w.owner.api.get(url)),
      );
      expect(csv!.status()).toBe(200);
      expect(csv!.headers()["content-type"]).toBe("text/csv; charset=utf-8");
      expect(await csv!.text()).toContain('"Host",0');
      for (const page of pages) expect(page.status()).toBe(200);
    },
  },
  {
    target: "POST /api/live/games/[gameId]/reviews",
    anonymous: async (w) => {
      const game = await finishedGame(w.owner);
      const response = await w.anonymous.post(`/api/live/games/${game.gameId}/reviews`);
      expect(response.status()).toBe(401);
      expect(reviewsAddedIn(game.gameId)).toBe(0);
    },
    otherLearner: async (w) => {
      const game = await finishedGame(w.owner);
      await hostAndJoin(w.other, "Elsewhere");
      const response = await w.other.api.post(`/api/live/games/${game.gameId}/reviews`);
      expect(response.status(), "another game's player").toBe(401);
      expect(reviewsAddedIn(game.gameId)).toBe(0);
    },
    owner: async (w) => {
      const game = await finishedGame(w.owner);
      // The owner studied two cards of the deck: the question asked may be one of them (it is
      // drawn at random), and a question already among their cards stays as it is.
      const asked = JSON.parse(
        readValue<string>(
          `SELECT "questionIds" AS value FROM "LiveGame" WHERE id = ?`,
          game.gameId,
        ),
      )[0] as string;
      const known = countRows(
        `SELECT count(*) AS n FROM "Card" WHERE "questionId" = ? AND "learnerId" IN (SELECT "learnerId" FROM "LivePlayer" WHERE "gameId" = ?)`,
        asked,
        game.gameId,
      );
      const cardsBefore = cardsOfPlayers(game.gameId);
      const add = () => w.owner.api.post(`/api/live/games/${game.gameId}/reviews`);
      const first = await add();
      expect(first.status()).toBe(200);
      expect(await first.json()).toEqual({ added: 1 - known, already: false });
      expect(await (await add()).json(), "once").toEqual({ added: 0, already: true });
      expect(cardsOfPlayers(game.gameId)).toBe(cardsBefore + 1 - known);
    },
  },
  {
    target: "POST /api/live/games/[gameId]/answers",
    anonymous: async (w) => {
      const game = await hostAndJoin(w.owner, "Player");
      await start(w.owner.api, game.gameId);
      const response = await w.anonymous.post(`/api/live/games/${game.gameId}/answers`, {
        data: { questionIndex: 0, choice: "a" },
      });
      expect(response.status()).toBe(401);
      expect(answersIn(game.gameId)).toBe(0);
    },
    otherLearner: async (w) => {
      const game = await hostAndJoin(w.owner, "Player");
      await hostAndJoin(w.other, "Elsewhere");
      await start(w.owner.api, game.gameId);
      const response = await w.other.api.post(`/api/live/games/${game.gameId}/answers`, {
        data: { questionIndex: 0, choice: "a" },
      });
      expect(response.status(), "another game's player").toBe(401);
      expect(answersIn(game.gameId)).toBe(0);
    },
    owner: async (w) => {
      const game = await hostAndJoin(w.owner, "Player");
      await start(w.owner.api, game.gameId);
      await ensurePage(w.owner);
      const choice = await firstOption(w.owner.page, game.gameId);
      const send = () =>
        w.owner.api.post(`/api/live/games/${game.gameId}/answers`, {
          data: { questionIndex: 0, choice },
        });
      expect((await send()).status()).toBe(201);
      expect((await send()).status(), "a retry returns the stored answer").toBe(200);
      expect(answersIn(game.gameId)).toBe(1);
    },
  },
];
