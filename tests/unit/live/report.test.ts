import { describe, expect, it } from "vitest";
import { buildLiveReport, liveReportCsv } from "@/lib/core/live/report";

const options = [
  { id: "a", text: "a pod" },
  { id: "b", text: "a container" },
  { id: "c", text: "a node" },
];
const questions = [
  { prompt: "Q1", options, correctOptionId: "a", sourceQuote: "Pods are the smallest unit." },
  { prompt: "Q2", options, correctOptionId: "b", sourceQuote: "Containers share a pod." },
];
const players = [
  { id: "p1", nickname: "Ann", score: 1900, kicked: false },
  { id: "p2", nickname: '=HYPERLINK("x")', score: 950, kicked: false },
  { id: "p3", nickname: "Bob", score: 950, kicked: false },
  { id: "p4", nickname: "Gone", score: 3000, kicked: true },
];
const answers = [
  { playerId: "p1", questionIndex: 0, choice: "a", correct: true, elapsedMs: 1000 },
  { playerId: "p1", questionIndex: 1, choice: "b", correct: true, elapsedMs: 3000 },
  { playerId: "p2", questionIndex: 0, choice: "a", correct: true, elapsedMs: 4000 },
  { playerId: "p2", questionIndex: 1, choice: "c", correct: false, elapsedMs: 2000 },
  { playerId: "p3", questionIndex: 1, choice: "c", correct: false, elapsedMs: 500 },
  { playerId: "p4", questionIndex: 0, choice: "b", correct: false, elapsedMs: 100 },
];

describe("buildLiveReport", () => {
  const report = buildLiveReport({ players, questions, answers });

  it("ranks players (kicked ones left out) with right answers and average time", () => {
    expect(report.players).toEqual([
      {
        rank: 1,
        nickname: "Ann",
        score: 1900,
        right: 2,
        answered: 2,
        averageMs: 2000,
        results: ["right", "right"],
      },
      {
        rank: 2,
        nickname: '=HYPERLINK("x")',
        score: 950,
        right: 1,
        answered: 2,
        averageMs: 3000,
        results: ["right", "wrong"],
      },
      {
        rank: 2,
        nickname: "Bob",
        score: 950,
        right: 0,
        answered: 1,
        averageMs: 500,
        results: [null, "wrong"],
      },
    ]);
  });

  it("per question: share right over all players, the most chosen wrong option, the quote", () => {
    expect(report.questions[0]).toMatchObject({
      prompt: "Q1",
      rightAnswer: "a pod",
      answered: 2,
      right: 2,
      commonWrong: null, // the kicked player's wrong answer does not count
    });
    expect(report.questions[0]!.shareRight).toBeCloseTo(2 / 3);
    expect(report.questions[1]).toMatchObject({
      right: 1,
      commonWrong: { text: "a node", count: 2 },
      sourceQuote: "Containers share a pod.",
    });
  });

  it("a player who never answered has no average; a game nobody joined has share 0", () => {
    const empty = buildLiveReport({
      players: [{ id: "x", nickname: "Quiet", score: 0, kicked: false }],
      questions,
      answers: [],
    });
    expect(empty.players[0]).toMatchObject({ averageMs: null, right: 0, results: [null, null] });
    expect(buildLiveReport({ players: [], questions, answers: [] }).questions[0]!.shareRight).toBe(
      0,
    );
  });
});

describe("liveReportCsv", () => {
  it("quotes text, neutralizes formulas, writes numbers bare and answers as 1/0/empty", () => {
    const csv = liveReportCsv(buildLiveReport({ players, questions, answers }), {
      rank: "Rank",
      nickname: "Nickname",
      score: "Score",
      right: "Right",
      averageSeconds: "Average s",
      question: "Q",
    });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      '"Rank","Nickname","Score","Right","Average s","Q 1","Q 2"',
      '1,"Ann",1900,2,2,1,1',
      '2,"\'=HYPERLINK(""x"")",950,1,3,1,0',
      '2,"Bob",950,0,0.5,,0',
      "",
    ]);
  });
});
