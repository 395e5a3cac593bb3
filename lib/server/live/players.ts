import {
  checkNickname,
  nicknameClashPrefix,
  nicknameKey,
  uniqueNickname,
  type NicknameRefusal,
} from "@/lib/core/live/nickname";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "../errors";
import { consumeRateLimits } from "../rate-limits/consume-rate-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { notifyGameChanged } from "./game-signal";
import { hashPlayerToken, newPlayerToken } from "./tokens";

/*
 * Players: finding a game by its PIN (wrong PINs counted per address), joining, rejoining with
 * the token the browser kept, and finding the player a token belongs to.
 */

export interface PinPreview {
  gameId: string;
  deckTitle: string;
  phase: string;
  lobbyLocked: boolean;
}

/** The game a PIN names; a PIN that matches none counts against the address, a right one not. */
export async function findGameByPin(
  db: Db,
  options: { pin: string; address: string; now: Date },
): Promise<PinPreview> {
  const counted = await consumeRateLimits(db, {
    checks: [{ limit: RATE_LIMITS.livePinAttemptsPerAddress, key: options.address }],
    now: options.now,
  });
  const game = await db.liveGame.findUnique({
    where: { pin: options.pin },
    select: { id: true, phase: true, lobbyLocked: true, deck: { select: { title: true } } },
  });
  if (!game) throw new NotFoundError("no live game has this PIN");
  await db.rateLimitEvent.deleteMany({ where: { id: { in: counted } } });
  return {
    gameId: game.id,
    deckTitle: game.deck.title,
    phase: game.phase,
    lobbyLocked: game.lobbyLocked,
  };
}

export interface PlayerRecord {
  id: string;
  gameId: string;
  nickname: string;
  score: number;
  streak: number;
  kicked: boolean;
}

const playerSelect = {
  id: true,
  gameId: true,
  nickname: true,
  score: true,
  streak: true,
  kickedAt: true,
} as const;

const toRecord = (
  p: Prisma.LivePlayerGetPayload<{ select: typeof playerSelect }>,
): PlayerRecord => ({
  id: p.id,
  gameId: p.gameId,
  nickname: p.nickname,
  score: p.score,
  streak: p.streak,
  kicked: p.kickedAt !== null,
});

/** The player of this game a token belongs to, or null (no token, another game's, unknown). */
export async function findPlayerByToken(
  db: Db,
  options: { gameId: string; token: string | undefined },
): Promise<PlayerRecord | null> {
  if (!options.token) return null;
  const player = await db.livePlayer.findUnique({
    where: { tokenHash: hashPlayerToken(options.token) },
    select: playerSelect,
  });
  return player && player.gameId === options.gameId ? toRecord(player) : null;
}

const NICKNAME_MESSAGES: Record<NicknameRefusal, string> = {
  empty: "type a nickname",
  too_long: "a nickname is at most 20 characters",
  invalid_characters: "use letters, digits, spaces and . , ' ! ? _ - only",
  profane: "choose another nickname",
};

const JOIN_ATTEMPTS = 5;

/**
 * Joins the game a PIN names. With the token of a player of this game, that player comes back
 * (same nickname, score and streak, even when the lobby is locked); a kicked one is refused.
 * Otherwise a new player joins under the nickname (checked, made unique: "Anna 2"), at the
 * current question if the game has started; a locked lobby or a banned nickname says so.
 * Returns the token to keep (new, or the one given).
 */
export async function joinGame(
  db: Db,
  options: {
    pin: string;
    nickname: string;
    /** The token this browser holds for a game, if any (one cookie per game). */
    tokenFor: (gameId: string) => string | undefined;
    address: string;
    /** The signed-in account's learner, if any: its player may add the questions to reviews. */
    learnerId?: string | null;
    now: Date;
  },
): Promise<{ player: PlayerRecord; token: string; rejoined: boolean }> {
  const { now } = options;
  const preview = await findGameByPin(db, options);
  const gameId = preview.gameId;
  const given = options.tokenFor(gameId);
  const existing = await findPlayerByToken(db, { gameId, token: given });
  if (existing) {
    if (existing.kicked) throw new ForbiddenError("the host removed you from this game");
    await db.livePlayer.update({ where: { id: existing.id }, data: { lastSeenAt: now } });
    return { player: existing, token: given!, rejoined: true };
  }
  const checked = checkNickname(options.nickname);
  if (!checked.ok) {
    throw new DomainError(NICKNAME_MESSAGES[checked.reason], 400, `nickname_${checked.reason}`);
  }
  const game = await db.liveGame.findUnique({
    where: { id: gameId },
    select: { lobbyLocked: true, bannedNicknames: true, phase: true },
  });
  if (!game || game.phase === "podium") throw new NotFoundError("no live game has this PIN");
  if (game.lobbyLocked) throw new ConflictError("the host has locked this game", "lobby_locked");
  const banned = new Set(JSON.parse(game.bannedNicknames) as string[]);
  if (banned.has(nicknameKey(checked.nickname))) {
    throw new ConflictError("the host has banned this nickname from this game", "nickname_banned");
  }
  const token = newPlayerToken();
  for (let attempt = 0; ; attempt += 1) {
    const taken = new Set(
      (
        await db.livePlayer.findMany({
          // Not every name in a room of 2,000: only those that could clash with this one.
          where: { gameId, nicknameKey: { startsWith: nicknameClashPrefix(checked.nickname) } },
          select: { nicknameKey: true },
        })
      ).map((p) => p.nicknameKey),
    );
    const nickname = uniqueNickname(checked.nickname, taken);
    try {
      const created = await db.$transaction(async (tx) => {
        const player = await tx.livePlayer.create({
          data: {
            gameId,
            nickname,
            nicknameKey: nicknameKey(nickname),
            tokenHash: hashPlayerToken(token),
            joinedAt: now,
            lastSeenAt: now,
            learnerId: options.learnerId ?? null,
          },
          select: playerSelect,
        });
        await tx.liveGame.update({ where: { id: gameId }, data: { version: { increment: 1 } } });
        return player;
      });
      notifyGameChanged(gameId);
      return { player: toRecord(created), token, rejoined: false };
    } catch (error) {
      // Two "Anna"s at the same moment: the second becomes "Anna 2" on the next round.
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!clash || attempt + 1 >= JOIN_ATTEMPTS) throw error;
    }
  }
}
