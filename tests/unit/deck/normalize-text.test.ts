import { describe, expect, it } from "vitest";
import {
  containsWordsOf,
  editDistance,
  isSameWordForm,
  isTypoOf,
  matchesAnswer,
  normalizeText,
  stemWord,
} from "@/lib/core/deck/normalize-text";

describe("normalizeText", () => {
  it("lower-cases, folds ё and turns punctuation and dashes into single spaces", () => {
    expect(normalizeText("  Ёмкость, IP-адрес — `localhost`!  ")).toBe(
      "емкость ip адрес localhost",
    );
  });
});

describe("stemWord", () => {
  it.each([
    ["контейнерами", "контейнер"],
    ["Подом", "под"],
    ["пода", "под"],
    ["изоляции", "изоляц"],
    ["pods", "pod"],
    ["processes", "process"],
    ["policies", "policy"],
    ["process", "process"],
  ])("%s → %s", (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});

describe("isSameWordForm", () => {
  it.each([
    ["пода", "подом"],
    ["под", "поды"],
    ["образов", "образы"],
    ["контейнер", "контейнерах"],
    ["память", "памяти"],
    ["pod", "pods"],
    ["process", "processes"],
  ])("%s ~ %s", (a, b) => {
    expect(isSameWordForm(a, b)).toBe(true);
  });

  it.each([
    ["под", "подход"],
    ["процесс", "процессор"],
    ["контейнер", "контейнерный"],
    ["pod", "pid"],
    ["container", "contained"],
  ])("%s is not %s", (a, b) => {
    expect(isSameWordForm(a, b)).toBe(false);
  });
});

describe("editDistance and isTypoOf", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(editDistance("nginx", "ngnix")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("abc", "abcdef", 1)).toBe(2);
  });

  it("accepts one typo only on words of five letters or more", () => {
    expect(isTypoOf("kubernets", "kubernetes")).toBe(true);
    expect(isTypoOf("pid", "pod")).toBe(false);
    expect(isTypoOf("docker", "kubernetes")).toBe(false);
  });
});

describe("matchesAnswer", () => {
  it.each([
    ["LOCALHOST", "localhost"],
    ["local host", "localhost"],
    ["образы", "образов"],
    ["Контейнеры", "Контейнер"],
    ["the service", "Service"],
    ["volume", "volumes"],
    ["Kuberntes", "Kubernetes"],
    ["ip адрес", "IP-адрес"],
    ["log-collector", "log collector"],
    ["ёмкость", "емкость"],
  ])("accepts %s for %s", (typed, expected) => {
    expect(matchesAnswer(typed, [expected])).toBe(true);
  });

  it.each([
    ["Docker", "Kubernetes"],
    ["", "Kubernetes"],
    ["подход", "под"],
    ["IP", "IPC"],
  ])("rejects %s for %s", (typed, expected) => {
    expect(matchesAnswer(typed, [expected])).toBe(false);
  });
});

describe("containsWordsOf", () => {
  it("finds a phrase in any inflected form, as whole words", () => {
    expect(containsWordsOf("Контейнеры внутри пода делят сеть", "Под")).toBe(true);
    expect(containsWordsOf("Kubernetes manages pods", "pod")).toBe(true);
    expect(containsWordsOf("подход к делу", "под")).toBe(false);
    expect(containsWordsOf("Верно ли это?", "Неверно")).toBe(false);
  });
});
