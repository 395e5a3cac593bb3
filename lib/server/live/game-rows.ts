import { LiveGameSettingsSchema, type LiveGameSettings } from "@/lib/core/live/settings";
import type { LivePhase, PhaseState } from "@/lib/core/live/phases";
import type { Prisma } from "@/lib/generated/prisma/client";

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
