/**
 * The game's phases as pure transitions: each takes the state and the server's time and returns
 * the next state, or a typed reason why the move is refused. The data layer stores the result
 * with a conditional UPDATE, so two hosts' clicks (or two instances) never both apply.
 *
 *   lobby → question → reveal → leaderboard → question → … → reveal → leaderboard → podium
 *
 * `podium` is the end: the game is finished (its PIN is free again). Pausing a question keeps
 * the time left; resuming moves the opening time forward by the pause, so "time since the
 * question opened" (what scoring uses) never counts paused time.
 */

export const LIVE_PHASES = ["lobby", "question", "reveal", "leaderboard", "podium"] as const;
export type LivePhase = (typeof LIVE_PHASES)[number];

export interface PhaseState {
  phase: LivePhase;
  /** The current question, 0-based; -1 in the lobby. */
  questionIndex: number;
  questionCount: number;
  /** Time limit per question. */
  limitMs: number;
  /** When the current question opened (shifted by pauses), epoch ms; null outside a question. */
  openedAt: number | null;
  /** When it closes, epoch ms; null outside a question and while paused. */
  deadlineAt: number | null;
  /** Time left when the host paused; null unless paused. */
  pausedRemainingMs: number | null;
  lobbyLocked: boolean;
}

export type HostCommand =
  "start" | "next" | "skip" | "pause" | "resume" | "end" | "lock" | "unlock";

export const HOST_COMMANDS: readonly HostCommand[] = [
  "start",
  "next",
  "skip",
  "pause",
  "resume",
  "end",
  "lock",
  "unlock",
];

export type RefusalReason =
  | "game_finished"
  | "not_in_lobby"
  | "no_players"
  | "question_open"
  | "not_in_question"
  | "already_paused"
  | "not_paused"
  | "paused";

export type Transition = { ok: true; state: PhaseState } | { ok: false; reason: RefusalReason };

export function initialPhaseState(questionCount: number, limitMs: number): PhaseState {
  return {
    phase: "lobby",
    questionIndex: -1,
    questionCount,
    limitMs,
    openedAt: null,
    deadlineAt: null,
    pausedRemainingMs: null,
    lobbyLocked: false,
  };
}

const refuse = (reason: RefusalReason): Transition => ({ ok: false, reason });
const ok = (state: PhaseState): Transition => ({ ok: true, state });

function openQuestion(state: PhaseState, index: number, now: number): PhaseState {
  return {
    ...state,
    phase: "question",
    questionIndex: index,
    openedAt: now,
    deadlineAt: now + state.limitMs,
    pausedRemainingMs: null,
  };
}

function closeQuestion(state: PhaseState): PhaseState {
  return { ...state, phase: "reveal", deadlineAt: null, pausedRemainingMs: null };
}

function finish(state: PhaseState): PhaseState {
  return { ...state, phase: "podium", openedAt: null, deadlineAt: null, pausedRemainingMs: null };
}

/**
 * A question closes this long after its deadline: an answer that arrived before the deadline
 * but waits in a batch (or in another instance) is still stored, never refused as late.
 */
export const CLOSE_GRACE_MS = 250;

/** Whether the open question's time is up, grace included (a paused question never is). */
export function isQuestionDue(state: PhaseState, now: number): boolean {
  return (
    state.phase === "question" &&
    state.pausedRemainingMs === null &&
    state.deadlineAt !== null &&
    now >= state.deadlineAt + CLOSE_GRACE_MS
  );
}

/**
 * Closes the open question early once every player still in the game has answered (nobody waits
 * for the countdown); otherwise null. A paused question waits for the host.
 */
export function closeIfAllAnswered(
  state: PhaseState,
  players: { anyActive: boolean; anyYetToAnswer: boolean },
): PhaseState | null {
  const open = state.phase === "question" && state.pausedRemainingMs === null;
  return open && players.anyActive && !players.anyYetToAnswer ? closeQuestion(state) : null;
}

/** Time left to answer, in ms: 0 outside an open question, the frozen rest while paused. */
export function remainingMs(state: PhaseState, now: number): number {
  if (state.phase !== "question") return 0;
  if (state.pausedRemainingMs !== null) return state.pausedRemainingMs;
  return Math.max(0, (state.deadlineAt ?? now) - now);
}

/** Closes the question when its deadline has passed; otherwise returns null (nothing to do). */
export function closeIfDue(state: PhaseState, now: number): PhaseState | null {
  return isQuestionDue(state, now) ? closeQuestion(state) : null;
}

/**
 * Applies a host command at `now`. A question past its deadline counts as closed: callers close
 * it first (`closeIfDue`), so "next" after the time ran out is a move from reveal.
 */
export function applyHostCommand(
  state: PhaseState,
  command: HostCommand,
  now: number,
  context: { activePlayers: number },
): Transition {
  if (state.phase === "podium") return refuse("game_finished");
  switch (command) {
    case "start":
      if (state.phase !== "lobby") return refuse("not_in_lobby");
      if (context.activePlayers === 0) return refuse("no_players");
      return ok(openQuestion(state, 0, now));
    case "next":
      switch (state.phase) {
        case "lobby":
          return refuse("not_in_question");
        case "question":
          return refuse("question_open");
        case "reveal":
          return ok({ ...state, phase: "leaderboard" });
        case "leaderboard":
          return state.questionIndex + 1 < state.questionCount
            ? ok(openQuestion(state, state.questionIndex + 1, now))
            : ok(finish(state));
      }
      return refuse("not_in_question");
    case "skip":
      if (state.phase !== "question") return refuse("not_in_question");
      return ok(closeQuestion(state));
    case "pause":
      if (state.phase !== "question") return refuse("not_in_question");
      if (state.pausedRemainingMs !== null) return refuse("already_paused");
      return ok({ ...state, pausedRemainingMs: remainingMs(state, now), deadlineAt: null });
    case "resume": {
      if (state.phase !== "question") return refuse("not_in_question");
      const rest = state.pausedRemainingMs;
      if (rest === null) return refuse("not_paused");
      return ok({
        ...state,
        pausedRemainingMs: null,
        deadlineAt: now + rest,
        // Elapsed time (now − openedAt) continues from where the pause stopped it.
        openedAt: now - (state.limitMs - rest),
      });
    }
    case "end":
      return ok(finish(state));
    case "lock":
      return ok({ ...state, lobbyLocked: true });
    case "unlock":
      return ok({ ...state, lobbyLocked: false });
  }
}

export type AnswerRefusal = "not_in_question" | "wrong_question" | "paused" | "too_late";

/**
 * Why an answer that reached the server at `receivedAt` is refused, or null when it counts. Only
 * the server's time counts: the deadline is checked against the moment the request arrived.
 */
export function answerRefusal(
  state: PhaseState,
  questionIndex: number,
  receivedAt: number,
): AnswerRefusal | null {
  if (state.phase !== "question") {
    const closed = state.phase !== "lobby" && questionIndex === state.questionIndex;
    return closed ? "too_late" : "not_in_question";
  }
  if (questionIndex !== state.questionIndex) return "wrong_question";
  if (state.pausedRemainingMs !== null) return "paused";
  if (state.deadlineAt === null || receivedAt >= state.deadlineAt) return "too_late";
  return null;
}
