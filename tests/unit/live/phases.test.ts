import { describe, expect, it } from "vitest";
import {
  answerRefusal,
  applyHostCommand,
  CLOSE_GRACE_MS,
  closeIfAllAnswered,
  closeIfDue,
  initialPhaseState,
  remainingMs,
  type HostCommand,
  type PhaseState,
} from "@/lib/core/live/phases";

const T = 20_000;
const lobby = () => initialPhaseState(2, T);
const players = { activePlayers: 3 };

function run(state: PhaseState, command: HostCommand, now: number): PhaseState {
  const move = applyHostCommand(state, command, now, players);
  if (!move.ok) throw new Error(`refused: ${move.reason}`);
  return move.state;
}

describe("phase machine", () => {
  it("goes lobby → question → reveal → leaderboard → question → … → podium", () => {
    let s = run(lobby(), "start", 1000);
    expect(s).toMatchObject({
      phase: "question",
      questionIndex: 0,
      openedAt: 1000,
      deadlineAt: 1000 + T,
    });
    s = run(s, "skip", 2000);
    expect(s.phase).toBe("reveal");
    s = run(s, "next", 3000);
    expect(s.phase).toBe("leaderboard");
    s = run(s, "next", 4000);
    expect(s).toMatchObject({ phase: "question", questionIndex: 1, openedAt: 4000 });
    s = run(run(run(s, "skip", 5000), "next", 6000), "next", 7000);
    expect(s.phase).toBe("podium");
    expect(applyHostCommand(s, "next", 8000, players)).toEqual({
      ok: false,
      reason: "game_finished",
    });
  });

  it("refuses invalid moves with typed reasons", () => {
    expect(applyHostCommand(lobby(), "start", 0, { activePlayers: 0 })).toEqual({
      ok: false,
      reason: "no_players",
    });
    expect(applyHostCommand(lobby(), "next", 0, players)).toEqual({
      ok: false,
      reason: "not_in_question",
    });
    expect(applyHostCommand(lobby(), "skip", 0, players)).toEqual({
      ok: false,
      reason: "not_in_question",
    });
    const q = run(lobby(), "start", 0);
    expect(applyHostCommand(q, "start", 0, players)).toEqual({ ok: false, reason: "not_in_lobby" });
    expect(applyHostCommand(q, "next", 0, players)).toEqual({ ok: false, reason: "question_open" });
    expect(applyHostCommand(q, "resume", 0, players)).toEqual({ ok: false, reason: "not_paused" });
    const paused = run(q, "pause", 5000);
    expect(applyHostCommand(paused, "pause", 6000, players)).toEqual({
      ok: false,
      reason: "already_paused",
    });
  });

  it("pause keeps the remaining time; resume shifts the opening so paused time does not count", () => {
    const q = run(lobby(), "start", 0);
    const paused = run(q, "pause", 5000);
    expect(paused).toMatchObject({ pausedRemainingMs: 15_000, deadlineAt: null });
    expect(remainingMs(paused, 999_999)).toBe(15_000);
    expect(closeIfDue(paused, 999_999)).toBeNull();
    const resumed = run(paused, "resume", 60_000);
    expect(resumed).toMatchObject({
      deadlineAt: 75_000,
      openedAt: 55_000,
      pausedRemainingMs: null,
    });
    expect(remainingMs(resumed, 70_000)).toBe(5000);
  });

  it("closes a question only after its deadline and the grace", () => {
    const q = run(lobby(), "start", 0);
    expect(closeIfDue(q, T)).toBeNull();
    expect(closeIfDue(q, T + CLOSE_GRACE_MS - 1)).toBeNull();
    expect(closeIfDue(q, T + CLOSE_GRACE_MS)?.phase).toBe("reveal");
  });

  it("end finishes from any phase; lock and unlock toggle the lobby", () => {
    expect(run(lobby(), "end", 0).phase).toBe("podium");
    expect(run(run(lobby(), "start", 0), "end", 1).phase).toBe("podium");
    expect(run(lobby(), "lock", 0).lobbyLocked).toBe(true);
    expect(run(run(lobby(), "lock", 0), "unlock", 0).lobbyLocked).toBe(false);
  });

  it("refuses answers by server time: before the deadline only, to the open question", () => {
    const q = run(lobby(), "start", 0);
    expect(answerRefusal(q, 0, T - 1)).toBeNull();
    expect(answerRefusal(q, 0, T)).toBe("too_late");
    expect(answerRefusal(q, 1, 100)).toBe("wrong_question");
    expect(answerRefusal(run(q, "pause", 10), 0, 100)).toBe("paused");
    expect(answerRefusal(run(q, "skip", 10), 0, 100)).toBe("too_late");
    expect(answerRefusal(lobby(), 0, 100)).toBe("not_in_question");
  });
});

describe("closeIfAllAnswered", () => {
  const open = applyHostCommand(initialPhaseState(3, 20_000), "start", 0, { activePlayers: 2 });
  const state = open.ok ? open.state : initialPhaseState(3, 20_000);

  it("closes once every active player answered, not before, never with nobody in the game", () => {
    expect(closeIfAllAnswered(state, { anyActive: true, anyYetToAnswer: true })).toBeNull();
    expect(closeIfAllAnswered(state, { anyActive: true, anyYetToAnswer: false })).toMatchObject({
      phase: "reveal",
      deadlineAt: null,
    });
    expect(closeIfAllAnswered(state, { anyActive: false, anyYetToAnswer: false })).toBeNull();
  });

  it("leaves a paused question and other phases alone", () => {
    const paused = applyHostCommand(state, "pause", 1000, { activePlayers: 2 });
    if (!paused.ok) throw new Error("pause refused");
    expect(closeIfAllAnswered(paused.state, { anyActive: true, anyYetToAnswer: false })).toBeNull();
    const lobby = initialPhaseState(3, 20_000);
    expect(closeIfAllAnswered(lobby, { anyActive: true, anyYetToAnswer: false })).toBeNull();
  });
});
