import { LiveGameSettingsSchema, type LiveGameSettings } from "@/lib/core/live/settings";
import type { LivePhase, PhaseState } from "@/lib/core/live/phases";
import { Prisma } from "@/lib/generated/prisma/client";

/** The columns every game operation reads. */
export const gameSelect = {
  id: true,
  pin: true,
  hostUserId: true,
  deckId: true,
  settings: true,
  questionIds: true,
  phase: true,
  questionIndex: true,
  questionOpenedAt: true,
  deadlineAt: true,
  pausedRemainingMs: true,
  lobbyLocked: true,
  bannedNicknames: true,
  version: true,
} as const satisfies Prisma.LiveGameSelect;

export type GameRow = Prisma.LiveGameGetPayload<{ select: typeof gameSelect }>;

export interface LoadedGame {
  row: GameRow;
  settings: LiveGameSettings;
  questionIds: string[];
  state: PhaseState;
}

export function loadGameRow(row: GameRow): LoadedGame {
  const settings = LiveGameSettingsSchema.parse(JSON.parse(row.settings));
  const questionIds = JSON.parse(row.questionIds) as string[];
  return {
    row,
    settings,
    questionIds,
    state: {
      phase: row.phase as LivePhase,
      questionIndex: row.questionIndex,
      questionCount: questionIds.length,
      limitMs: settings.secondsPerQuestion * 1000,
      openedAt: row.questionOpenedAt?.getTime() ?? null,
      deadlineAt: row.deadlineAt?.getTime() ?? null,
      pausedRemainingMs: row.pausedRemainingMs,
      lobbyLocked: row.lobbyLocked,
    },
  };
}

const toDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The columns a new phase state writes. */
export function stateColumns(state: PhaseState) {
  return {
    phase: state.phase,
    questionIndex: state.questionIndex,
    questionOpenedAt: toDate(state.openedAt),
    deadlineAt: toDate(state.deadlineAt),
    pausedRemainingMs: state.pausedRemainingMs,
    lobbyLocked: state.lobbyLocked,
  };
}

/** A DateTime column as a raw query returns it: a Date, or SQLite's ISO text. */
const rawDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : new Date(value as Date | string);

/**
 * Games by id, read with one hand-written query (the live answer path runs it per batch, and a
 * Prisma query builds its plan on every call). The columns are gameSelect's; the raw values are
 * turned into what Prisma would return (SQLite gives booleans as 0/1 and dates as text).
 */
export async function readGames(
  tx: Pick<Prisma.TransactionClient, "$queryRaw">,
  ids: readonly string[],
): Promise<Map<string, LoadedGame>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.$queryRaw<Record<keyof GameRow, unknown>[]>`
    SELECT "id", "pin", "hostUserId", "deckId", "settings", "questionIds", "phase",
      "questionIndex", "questionOpenedAt", "deadlineAt", "pausedRemainingMs", "lobbyLocked",
      "bannedNicknames", "version"
    FROM "LiveGame" WHERE "id" IN (${Prisma.join(ids)})`;
  return new Map(
    rows.map((raw) => {
      const row: GameRow = {
        id: String(raw.id),
        pin: raw.pin === null ? null : String(raw.pin),
        hostUserId: String(raw.hostUserId),
        deckId: String(raw.deckId),
        settings: String(raw.settings),
        questionIds: String(raw.questionIds),
        phase: String(raw.phase),
        questionIndex: Number(raw.questionIndex),
        questionOpenedAt: rawDate(raw.questionOpenedAt),
        deadlineAt: rawDate(raw.deadlineAt),
        pausedRemainingMs: raw.pausedRemainingMs === null ? null : Number(raw.pausedRemainingMs),
        lobbyLocked: Boolean(Number(raw.lobbyLocked)),
        bannedNicknames: String(raw.bannedNicknames),
        version: Number(raw.version),
      };
      return [row.id, loadGameRow(row)];
    }),
  );
}
