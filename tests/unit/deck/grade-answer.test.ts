import { describe, expect, it } from "vitest";
import { gradeAnswer } from "@/lib/core/deck/grade-answer";
import { SELF_GRADED_KINDS, type Question, type QuestionKind } from "@/lib/core/deck/types";
import { SEED_EN, SEED_RU, VM_RU, loadDeck } from "./deck-fixtures";

const RU = loadDeck(SEED_RU).questions;
const EN = loadDeck(SEED_EN).questions;
const VM = loadDeck(VM_RU).questions;

function find(
  questions: Question[],
  kind: QuestionKind,
  siblingKey?: string,
  answer?: string,
): Question {
  const question = questions.find(
    (q) =>
      q.kind === kind &&
      (siblingKey === undefined || q.siblingKey === siblingKey) &&
      (answer === undefined || q.answer === answer),
  );
  if (!question) throw new Error(`no ${kind} question for ${siblingKey ?? "any fact"}`);
  return question;
}

describe("gradeAnswer", () => {
  it.each(SELF_GRADED_KINDS)("leaves %s to the learner", (kind) => {
    const question = find(RU, kind);
    for (const input of [
      { type: "reveal" } as const,
      { type: "text", text: question.answer } as const,
    ]) {
      expect(gradeAnswer(question, input)).toEqual({
        correct: false,
        selfGraded: true,
        expected: question.answer,
      });
    }
  });

  it("grades classify by option or by a typed name in any form", () => {
    const question = find(RU, "classify", "fact:pod:scaling");
    const wrong = question.options?.find((o) => o.id !== question.correctOptionId)?.id ?? "";
    expect(
      gradeAnswer(question, { type: "option", optionId: question.correctOptionId ?? "" }).correct,
    ).toBe(true);
    expect(gradeAnswer(question, { type: "option", optionId: wrong }).correct).toBe(false);
    expect(gradeAnswer(question, { type: "text", text: "подом" }).correct).toBe(true);
    expect(gradeAnswer(question, { type: "text", text: "pod" }).correct).toBe(true);
    expect(gradeAnswer(question, { type: "text", text: "контейнер" }).correct).toBe(false);
    expect(gradeAnswer(question, { type: "boolean", value: true }).correct).toBe(false);
  });

  it("grades multiple choice by option", () => {
    const question = find(VM, "multiple-choice");
    for (const option of question.options ?? []) {
      const result = gradeAnswer(question, { type: "option", optionId: option.id });
      expect(result).toEqual({
        correct: option.id === question.correctOptionId,
        selfGraded: false,
        expected: question.answer,
      });
    }
  });

  it("grades true/false by boolean, option or word", () => {
    const isTrue = find(RU, "true-false", "diff:networking:container", "Верно");
    const isFalse = find(RU, "true-false", "diff:networking:container", "Неверно");
    expect(gradeAnswer(isTrue, { type: "boolean", value: true }).correct).toBe(true);
    expect(gradeAnswer(isTrue, { type: "boolean", value: false }).correct).toBe(false);
    expect(gradeAnswer(isFalse, { type: "boolean", value: false }).correct).toBe(true);
    expect(gradeAnswer(isFalse, { type: "option", optionId: "false" }).correct).toBe(true);
    expect(gradeAnswer(isFalse, { type: "text", text: "нет" }).correct).toBe(true);
    expect(gradeAnswer(isFalse, { type: "text", text: "верно" }).correct).toBe(false);
  });

  it("grades cloze tolerating case, spacing, inflection and a typo", () => {
    const localhost = find(RU, "cloze", "fact:pod:isolation");
    expect(localhost.answer).toBe("localhost");
    for (const typed of ["localhost", "LocalHost", "local host", "localhsot", " localhost. "]) {
      expect(gradeAnswer(localhost, { type: "text", text: typed }).correct).toBe(true);
    }
    expect(gradeAnswer(localhost, { type: "text", text: "127.0.0.1" }).correct).toBe(false);
    expect(gradeAnswer(localhost, { type: "reveal" }).correct).toBe(false);
    const english = find(EN, "cloze", "fact:pod:isolation");
    expect(gradeAnswer(english, { type: "text", text: "the localhost" }).correct).toBe(true);
  });

  it("grades matching only when every pair is right", () => {
    const question = find(VM, "matching");
    const solution = question.matching?.solution ?? {};
    expect(gradeAnswer(question, { type: "matching", pairs: solution }).correct).toBe(true);
    const [a, b] = Object.keys(solution);
    const swapped = {
      ...solution,
      [a ?? ""]: solution[b ?? ""] ?? "",
      [b ?? ""]: solution[a ?? ""] ?? "",
    };
    expect(gradeAnswer(question, { type: "matching", pairs: swapped }).correct).toBe(false);
    expect(gradeAnswer(question, { type: "matching", pairs: {} }).correct).toBe(false);
  });

  it("treats a reveal on an auto-graded kind as a wrong answer", () => {
    for (const kind of [
      "classify",
      "multiple-choice",
      "true-false",
      "cloze",
      "scenario",
      "matching",
    ] as const) {
      expect(
        gradeAnswer(find(kind === "matching" || kind === "multiple-choice" ? VM : RU, kind), {
          type: "reveal",
        }),
      ).toMatchObject({
        correct: false,
        selfGraded: false,
      });
    }
  });
});
