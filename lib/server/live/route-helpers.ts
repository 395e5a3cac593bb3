import { cookies } from "next/headers";
import { LiveGameIdSchema } from "@/lib/core/live/api-schemas";
import { PinSchema } from "@/lib/core/live/pin";
import type { Db } from "../db";
import { DomainError, UnauthorizedError } from "../errors";
import { findPlayerByToken, type PlayerRecord } from "./players";
import { playerCookieName } from "./tokens";

export function parseGameId(value: string): string {
  const parsed = LiveGameIdSchema.safeParse(value);
  if (!parsed.success) throw new DomainError("not a game id", 400, "game_id_invalid");
  return parsed.data;
}

/** `value` is the route's param, decoded already (decoding again would throw on a "%"). */
export function parsePin(value: string): string {
  const parsed = PinSchema.safeParse(value);
  if (!parsed.success) throw new DomainError("a PIN is 6 digits", 400, "pin_invalid");
  return parsed.data;
}

export async function playerTokenFor(gameId: string): Promise<string | undefined> {
  return (await cookies()).get(playerCookieName(gameId))?.value;
}

/** The player this browser is in the game, by its cookie; 401 without one. */
export async function requirePlayer(db: Db, gameId: string): Promise<PlayerRecord> {
  const player = await findPlayerByToken(db, { gameId, token: await playerTokenFor(gameId) });
  if (!player) throw new UnauthorizedError("join the game first");
  return player;
}
