import { describe, expect, it } from "vitest";
import { agreementGivesAway, agreementOf } from "@/lib/core/deck/concept-agreement";

describe("concept agreement", () => {
  it("reads number, and in Russian a singular's gender, from the name as written", () => {
    expect(agreementOf("Контейнер", "ru")).toBe("masculine");
    expect(agreementOf("Контейнеры", "ru")).toBe("plural");
    expect(agreementOf("Виртуальная машина", "ru")).toBe("feminine");
    expect(agreementOf("Пространство", "ru")).toBe("neuter");
    expect(agreementOf("Secret", "ru")).toBe("masculine");
    expect(agreementOf("Память", "ru")).toBeNull();
    expect(agreementOf("Containers", "en")).toBe("plural");
    expect(agreementOf("Ingress", "en")).toBe("singular");
    expect(agreementOf("Virtual machine", "en")).toBe("singular");
  });

  it("finds the blanks whose neighbours name the answer", () => {
    const vmAndContainers = ["Виртуальная машина", "Контейнеры"];
    expect(agreementGivesAway("«___ стартуют за секунду.»", vmAndContainers, "ru")).toBe(true);
    expect(agreementGivesAway("«___ эмулирует компьютер.»", vmAndContainers, "ru")).toBe(true);
    const vmAndContainer = ["Виртуальная машина", "Контейнер"];
    // A present-tense verb shows number only: both are singular.
    expect(agreementGivesAway("«___ использует ядро.»", vmAndContainer, "ru")).toBe(false);
    expect(agreementGivesAway("«___ отделена гипервизором.»", vmAndContainer, "ru")).toBe(true);
    expect(agreementGivesAway("«Каждая ___ получает ядро.»", vmAndContainer, "ru")).toBe(true);
    expect(
      agreementGivesAway("«___ стартует за секунды: ему не нужно ядро.»", vmAndContainer, "ru"),
    ).toBe(true);
    expect(agreementGivesAway("«___ создаётся из образа.»", ["Контейнер", "Под"], "ru")).toBe(
      false,
    );
    expect(agreementGivesAway("«___ хранит данные.»", ["Память", "Диск"], "ru")).toBe(true);
    expect(agreementGivesAway("“___ start in a second.”", ["Containers", "VM"], "en")).toBe(true);
    expect(agreementGivesAway("“A(n) ___ starts fast.”", ["Container", "Pod"], "en")).toBe(false);
  });
});
