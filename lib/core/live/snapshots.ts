import { remainingMs, type LivePhase, type PhaseState } from "./phases";
import { rankPlayers } from "./ranking";

/*
 * What each screen is sent. Both are built from one `GameSummary` per game version (ranking and
 * answer counts computed once, not once per connection). The right answer is in neither before
 * the question closes: a phone shows the question and its options, never which one is right.
 */

export interface LiveQuestionView {
  id: string;
  kind: string;
  prompt: string;
  options: { id: string; text: string }[];
  correctOptionId: string;
  explanation: string;
  sourceQuote: string;
}

export interface LivePlayerRow {
  id: string;
  nickname: string;
  score: number;
  streak: number;
  kicked: boolean;
}

export interface LiveAnswerRow {
  playerId: string;
  choice: string;
  correct: boolean;
  points: number;
}

export interface GameView {
  id: string;
  pin: string | null;
  version: number;
  state: PhaseState;
  /** The current question; null in the lobby and on the podium. */
  question: LiveQuestionView | null;
  players: readonly LivePlayerRow[];
  /** The answers to the current question. */
  answers: readonly LiveAnswerRow[];
}

export interface RankedPlayer {
  id: string;
  nickname: string;
  score: number;
  streak: number;
  rank: number;
  /** Rank before the current question's points (for "rank changes"). */
  previousRank: number;
}

export interface GameSummary {
  view: GameView;
  ranked: RankedPlayer[];
  byId: Map<string, RankedPlayer>;
  /** Every player, kicked ones included. */
  players: Map<string, LivePlayerRow>;
  answersByPlayer: Map<string, LiveAnswerRow>;
  /** Answers per option id of the current question. */
  counts: Record<string, number>;
}

const LEADERBOARD_SIZE = 5;
const PODIUM_SIZE = 3;

/** The results of the current question are public once it is closed. */
const isRevealed = (phase: LivePhase) =>
  phase === "reveal" || phase === "leaderboard" || phase === "podium";

export function summarizeGame(view: GameView): GameSummary {
  const active = view.players.filter((p) => !p.kicked);
  const answersByPlayer = new Map(view.answers.map((a) => [a.playerId, a]));
  const counts: Record<string, number> = {};
  for (const option of view.question?.options ?? []) counts[option.id] = 0;
  for (const answer of view.answers) {
    if (answer.choice in counts) counts[answer.choice]! += 1;
  }
  // Scores include the current question's points only once it closed (see closeQuestion).
  const scored = isRevealed(view.state.phase);
  const before = new Map(
    rankPlayers(
      active.map((p) => ({
        id: p.id,
        nickname: p.nickname,
        score: scored ? p.score - (answersByPlayer.get(p.id)?.points ?? 0) : p.score,
      })),
    ).map((p) => [p.id, p.rank]),
  );
  const ranked = rankPlayers(active).map((p) => ({
    id: p.id,
    nickname: p.nickname,
    score: p.score,
    streak: p.streak,
    rank: p.rank,
    previousRank: before.get(p.id) ?? p.rank,
  }));
  return {
    view,
    ranked,
    byId: new Map(ranked.map((p) => [p.id, p])),
    players: new Map(view.players.map((p) => [p.id, p])),
    answersByPlayer,
    counts,
  };
}

/**
 * What every screen shows. Not the game's version: every batch of answers moves it on, and in a
 * room of 2,000 a snapshot that carried it would go to every phone several times a second.
 */
interface Common {
  gameId: string;
  phase: LivePhase;
  questionIndex: number;
  questionCount: number;
  /** Server time the snapshot was made at, so a screen can correct its own clock. */
  serverNow: number;
  remainingMs: number;
  limitMs: number;
  paused: boolean;
  question: {
    index: number;
    kind: string;
    prompt: string;
    options: { id: string; text: string }[];
  } | null;
}

function common(summary: GameSummary, now: number): Common {
  const { view } = summary;
  const q = view.question;
  return {
    gameId: view.id,
    phase: view.state.phase,
    questionIndex: view.state.questionIndex,
    questionCount: view.state.questionCount,
    serverNow: now,
    remainingMs: remainingMs(view.state, now),
    limitMs: view.state.limitMs,
    paused: view.state.pausedRemainingMs !== null,
    question:
      q && view.state.phase !== "podium"
        ? { index: view.state.questionIndex, kind: q.kind, prompt: q.prompt, options: q.options }
        : null,
  };
}

function reveal(summary: GameSummary) {
  const q = summary.view.question;
  if (!q || !isRevealed(summary.view.state.phase) || summary.view.state.phase === "podium") {
    return null;
  }
  return {
    correctOptionId: q.correctOptionId,
    explanation: q.explanation,
    sourceQuote: q.sourceQuote,
    counts: summary.counts,
  };
}

export interface HostSnapshot extends Common {
  role: "host";
  pin: string | null;
  lobbyLocked: boolean;
  playerCount: number;
  /** Everyone in the game (the lobby shows them arriving; the host can kick any). */
  players: { id: string; nickname: string }[];
  answeredCount: number;
  reveal: ReturnType<typeof reveal>;
  leaderboard: RankedPlayer[] | null;
  podium: RankedPlayer[] | null;
}

export function hostSnapshot(summary: GameSummary, now: number): HostSnapshot {
  const { view, ranked } = summary;
  const phase = view.state.phase;
  return {
    role: "host",
    ...common(summary, now),
    pin: view.pin,
    lobbyLocked: view.state.lobbyLocked,
    playerCount: ranked.length,
    players: ranked.map((p) => ({ id: p.id, nickname: p.nickname })),
    answeredCount: summary.answersByPlayer.size,
    reveal: reveal(summary),
    leaderboard:
      phase === "leaderboard" || phase === "podium" ? ranked.slice(0, LEADERBOARD_SIZE) : null,
    podium: phase === "podium" ? ranked.slice(0, PODIUM_SIZE) : null,
  };
}

export interface PlayerSnapshot extends Common {
  role: "player";
  kicked: boolean;
  me: {
    id: string;
    nickname: string;
    score: number;
    streak: number;
    rank: number;
    previousRank: number;
  } | null;
  playerCount: number;
  /** The player's answer to the current question; whether it was right only once revealed. */
  myAnswer: { choice: string; correct?: boolean; points?: number } | null;
  reveal: { correctOptionId: string; explanation: string; sourceQuote: string } | null;
  podium: { nickname: string; score: number; rank: number }[] | null;
}

export function playerSnapshot(
  summary: GameSummary,
  player: { id: string; nickname: string; kicked: boolean },
  now: number,
): PlayerSnapshot {
  const me = summary.byId.get(player.id) ?? null;
  const answer = summary.answersByPlayer.get(player.id);
  const revealed = reveal(summary);
  const phase = summary.view.state.phase;
  return {
    role: "player",
    ...common(summary, now),
    kicked: player.kicked,
    me,
    playerCount: summary.ranked.length,
    myAnswer: answer
      ? revealed
        ? { choice: answer.choice, correct: answer.correct, points: answer.points }
        : { choice: answer.choice }
      : null,
    reveal: revealed
      ? {
          correctOptionId: revealed.correctOptionId,
          explanation: revealed.explanation,
          sourceQuote: revealed.sourceQuote,
        }
      : null,
    podium:
      phase === "podium"
        ? summary.ranked
            .slice(0, PODIUM_SIZE)
            .map(({ nickname, score, rank }) => ({ nickname, score, rank }))
        : null,
  };
}

/** A snapshot without its clock: what decides whether a screen has news. */
export function withoutClock(snapshot: object): string {
  return JSON.stringify(snapshot, (name, value: unknown) =>
    name === "serverNow" || name === "remainingMs" ? undefined : value,
  );
}

const sharedPlayerKeys = new WeakMap<GameSummary, string>();

/**
 * A string that changes whenever this player's snapshot would, apart from its clock. What every
 * player sees alike is rendered once per summary (as the snapshot of nobody); the rest is the
 * player's own row and answer. In a room of 2,000, a batch of answers then renders the
 * snapshots of those who answered, not everyone's.
 */
export function playerSnapshotKey(
  summary: GameSummary,
  player: { id: string; kicked: boolean },
): string {
  let shared = sharedPlayerKeys.get(summary);
  if (shared === undefined) {
    shared = withoutClock(playerSnapshot(summary, { id: "", nickname: "", kicked: false }, 0));
    sharedPlayerKeys.set(summary, shared);
  }
  const me = summary.byId.get(player.id);
  const answer = summary.answersByPlayer.get(player.id);
  return [
    shared,
    player.kicked,
    me
      ? `${me.nickname}\u0000${me.score}\u0000${me.streak}\u0000${me.rank}\u0000${me.previousRank}`
      : "",
    answer ? `${answer.choice}\u0000${answer.correct}\u0000${answer.points}` : "",
  ].join("\u0001");
}
