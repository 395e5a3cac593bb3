import { describe, expect, it } from "vitest";
import { ConceptMatcher } from "@/lib/core/deck/concept-matcher";
import { blankTerm } from "@/lib/core/deck/generate-claim-questions";
import { swapConcepts } from "@/lib/core/deck/swap-concepts";
import type { Concept, ConceptForms } from "@/lib/core/deck/types";

function concept(key: string, name: string, forms: Partial<ConceptForms>): Concept {
  const nominative = forms.nominative ?? name.toLowerCase();
  return {
    key,
    name,
    aliases: [],
    forms: {
      nominative,
      genitive: nominative,
      dative: nominative,
      accusative: nominative,
      instrumental: nominative,
      prepositional: nominative,
      plural: `${nominative}s`,
      ...forms,
    },
    hasCaseForms: true,
    provenance: { section: [name], line: 1, endLine: 1 },
  };
}

function swap(text: string, subject: Concept, other: Concept, language: "ru" | "en") {
  const mentions = new ConceptMatcher([subject, other]).findMentions(text);
  return swapConcepts({ text, mentions, subject, other, language });
}

const POD = concept("pod", "Под", {
  nominative: "под",
  genitive: "пода",
  dative: "поду",
  accusative: "под",
  instrumental: "подом",
  prepositional: "поде",
  plural: "поды",
});
const IMAGE = concept("image", "Образ", {
  nominative: "образ",
  genitive: "образа",
  dative: "образу",
  accusative: "образ",
  instrumental: "образом",
  prepositional: "образе",
  plural: "образы",
});
const MACHINE = concept("vm", "Машина", {
  nominative: "машина",
  genitive: "машины",
  dative: "машине",
  accusative: "машину",
  instrumental: "машиной",
  prepositional: "машине",
  plural: "машины",
});

describe("swapConcepts", () => {
  it("keeps each word in its case and fixes «о/об»", () => {
    expect(swap("Речь о поде, а не об образе.", POD, IMAGE, "ru")).toBe(
      "Речь об образе, а не о поде.",
    );
    expect(swap("Поды управляют образом.", POD, IMAGE, "ru")).toBe("Образы управляют подом.");
  });

  it("refuses to swap a singular noun across genders", () => {
    expect(swap("Каждый под получает ядро.", POD, MACHINE, "ru")).toBeNull();
    expect(swap("Поды получают ядро.", POD, MACHINE, "ru")).toBe("Машины получают ядро.");
  });

  it("refuses a form it cannot place («в разных пода» is the source's own slip)", () => {
    expect(swap("Контейнеры в разных пода общаются.", POD, IMAGE, "ru")).toBeNull();
  });

  it("fixes the English article", () => {
    const pod = concept("pod", "Pod", {});
    const instance = concept("instance", "Instance", {});
    expect(swap("A pod runs an app; each pod has an IP.", pod, instance, "en")).toBe(
      "An instance runs an app; each instance has an IP.",
    );
  });

  it("needs the subject to be named", () => {
    expect(swap("Nothing to see here.", POD, IMAGE, "ru")).toBeNull();
  });
});

describe("blankTerm", () => {
  it("blanks whole-word occurrences only", () => {
    expect(blankTerm("Общий IPC и один IP-адрес; IP.", "IP")).toBe(
      "Общий IPC и один _____-адрес; _____.",
    );
    expect(blankTerm("через `localhost`", "LOCALHOST")).toBe("через `_____`");
    expect(blankTerm("nothing here", "IP")).toBeNull();
  });
});
