import { describe, expect, it } from "vitest";
import { initialPhaseState, type PhaseState } from "@/lib/core/live/phases";
import {
  hostSnapshot,
  playerSnapshot,
  playerSnapshotKey,
  summarizeGame,
  withoutClock,
  type GameView,
} from "@/lib/core/live/snapshots";

const question = {
  id: "q1",
  kind: "classify",
  prompt: "Which concept?",
  options: [
    { id: "a", text: "Container" },
    { id: "b", text: "Pod" },
  ],
  correctOptionId: "b",
  explanation: "because",
  sourceQuote: "quote",
};

function view(state: Partial<PhaseState>, scores: [number, number]): GameView {
  return {
    id: "g",
    pin: "123456",
    version: 3,
    state: { ...initialPhaseState(3, 20_000), questionIndex: 0, ...state },
    question,
    players: [
      { id: "p1", nickname: "Anna", score: scores[0], streak: 1, kicked: false },
      { id: "p2", nickname: "Boris", score: scores[1], streak: 0, kicked: false },
      { id: "p3", nickname: "Kicked", score: 9999, streak: 0, kicked: true },
    ],
    answers: [
      { playerId: "p1", choice: "b", correct: true, points: 1000 },
      { playerId: "p2", choice: "a", correct: false, points: 0 },
    ],
  };
}

describe("snapshots", () => {
  it("never carry the right answer while the question is open", () => {
    const open = summarizeGame(
      view({ phase: "question", openedAt: 0, deadlineAt: 20_000 }, [0, 500]),
    );
    const host = hostSnapshot(open, 5000);
    const player = playerSnapshot(open, { id: "p1", nickname: "Anna", kicked: false }, 5000);
    for (const snapshot of [host, player]) {
      const text = JSON.stringify(snapshot);
      expect(text).not.toContain("correct");
      expect(text).not.toContain("because");
      expect(snapshot.question?.prompt).toBe("Which concept?");
      expect(snapshot.remainingMs).toBe(15_000);
    }
    expect(player.myAnswer).toEqual({ choice: "b" });
    expect(host.answeredCount).toBe(2);
    expect(host.playerCount).toBe(2); // the kicked player is out
  });

  it("after the question: the right answer, the histogram, points and rank changes", () => {
    const revealed = summarizeGame(view({ phase: "leaderboard" }, [1000, 500]));
    const host = hostSnapshot(revealed, 0);
    expect(host.reveal).toMatchObject({ correctOptionId: "b", counts: { a: 1, b: 1 } });
    // Before this question Boris led (500 vs 0); now Anna does.
    expect(host.leaderboard?.map((p) => [p.nickname, p.rank, p.previousRank])).toEqual([
      ["Anna", 1, 2],
      ["Boris", 2, 1],
    ]);
    const player = playerSnapshot(revealed, { id: "p1", nickname: "Anna", kicked: false }, 0);
    expect(player.myAnswer).toEqual({ choice: "b", correct: true, points: 1000 });
    expect(player.me).toMatchObject({ score: 1000, rank: 1, streak: 1 });
  });

  it("a kicked player's snapshot says so and has no rank", () => {
    const s = summarizeGame(view({ phase: "lobby", questionIndex: -1 }, [0, 0]));
    const player = playerSnapshot(s, { id: "p3", nickname: "Kicked", kicked: true }, 0);
    expect(player).toMatchObject({ kicked: true, me: null });
  });

  it("another player's answer is no news to this one, though it moves the game's version on", () => {
    const open = { phase: "question", openedAt: 0, deadlineAt: 20_000 } as const;
    const base = view(open, [0, 500]);
    const before = summarizeGame({ ...base, answers: base.answers.slice(0, 1) });
    const after = summarizeGame({ ...base, version: base.version + 1 });
    const anna = { id: "p1", nickname: "Anna", kicked: false };
    expect(playerSnapshotKey(after, anna)).toBe(playerSnapshotKey(before, anna));
    expect(withoutClock(playerSnapshot(after, anna, 0))).toBe(
      withoutClock(playerSnapshot(before, anna, 0)),
    );
    const boris = { id: "p2", nickname: "Boris", kicked: false };
    expect(playerSnapshotKey(after, boris)).not.toBe(playerSnapshotKey(before, boris));
  });

  it("a player's change key changes whenever the snapshot (but for its clock) does", () => {
    const states: Partial<PhaseState>[] = [
      { phase: "lobby", questionIndex: -1 },
      { phase: "question", openedAt: 0, deadlineAt: 20_000 },
      { phase: "question", openedAt: 1000, deadlineAt: 21_000 },
      { phase: "question", openedAt: 0, deadlineAt: null, pausedRemainingMs: 7000 },
      { phase: "reveal" },
      { phase: "leaderboard" },
      { phase: "podium" },
    ];
    const summaries = states.flatMap((state) =>
      [
        [0, 500],
        [1000, 500],
        [1000, 1500],
      ].flatMap(([a, b]) => {
        const base = view(state, [a!, b!]);
        return [
          base,
          { ...base, answers: base.answers.slice(1) },
          { ...base, answers: [{ ...base.answers[0]!, points: 900 }, base.answers[1]!] },
          { ...base, players: base.players.map((p) => ({ ...p, kicked: p.id === "p2" })) },
          { ...base, players: base.players.map((p) => (p.id === "p1" ? { ...p, streak: 2 } : p)) },
        ].map(summarizeGame);
      }),
    );
    let equalPairs = 0;
    for (const [id, kicked] of [
      ["p1", false],
      ["p2", false],
      ["p2", true],
      ["p3", true],
    ] as const) {
      const player = { id, nickname: "", kicked };
      for (const a of summaries) {
        for (const b of summaries) {
          const sameKey = playerSnapshotKey(a, player) === playerSnapshotKey(b, player);
          const sameSnapshot =
            withoutClock(playerSnapshot(a, player, 1000)) ===
            withoutClock(playerSnapshot(b, player, 5000));
          // An equal key skips the render: it must never hide a change.
          if (sameKey) expect(sameSnapshot).toBe(true);
          if (sameKey && a !== b) equalPairs += 1;
        }
      }
    }
    expect(equalPairs, "some different summaries look the same to a player").toBeGreaterThan(0);
  });
});
