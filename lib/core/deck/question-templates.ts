import { englishArticle, russianAbout } from "./concept-forms";
import type { Concept, Language } from "./types";

/** Prompt wording per language. Russian uses case forms only when every concept has them. */
export interface QuestionTemplates {
  trueLabel: string;
  falseLabel: string;
  /** Extra typed answers accepted for true / false. */
  trueWords: string[];
  falseWords: string[];
  definition(concept: Concept): string;
  reverseDefinition(masked: string): string;
  classify(masked: string): string;
  multipleChoice(aspectTitle: string, concept: Concept): string;
  /** A sentence with one concept blanked and the negated alternative cut off. */
  unitOf(masked: string): string;
  scenario(situation: string): string;
  whichIsTrue(aspectTitle: string): string;
  mainDifference(concepts: readonly Concept[]): string;
  /** Joins two sides of a contrast into one sentence: «…, а …», "…, while …". */
  contrastJoiner: string;
  trueFalse(statement: string): string;
  cloze(sentence: string): string;
  matchAspects(concept: Concept, family: "fact" | "difference"): string;
  matchConcepts(aspectTitle: string): string;
  explain(aspectTitle: string, concepts: readonly Concept[]): string;
  sourceSays(quote: string): string;
  answerIs(answer: string): string;
}

function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1] ?? ""}`;
}

function hasForms(concepts: readonly Concept[]): boolean {
  return concepts.every((concept) => concept.hasCaseForms === true);
}

const RUSSIAN: QuestionTemplates = {
  trueLabel: "Верно",
  falseLabel: "Неверно",
  trueWords: ["верно", "да", "правда", "true"],
  falseWords: ["неверно", "нет", "ложь", "false"],
  definition: (concept) => `Что такое ${concept.forms.nominative}?`,
  reverseDefinition: (masked) => `Какое понятие описано? «${masked}»`,
  classify: (masked) => `К какому понятию относится утверждение? «${masked}»`,
  multipleChoice: (aspectTitle, concept) =>
    hasForms([concept])
      ? `${aspectTitle}: что верно именно для ${concept.forms.genitive}?`
      : `${aspectTitle}: что верно именно для понятия «${concept.name}»?`,
  unitOf: (masked) => `Какое понятие пропущено? «${masked}»`,
  scenario: (situation) => `Сценарий: ${situation} Какой вариант подходит?`,
  whichIsTrue: (aspectTitle) => `${aspectTitle}: какое из утверждений верно?`,
  mainDifference: (concepts) =>
    hasForms(concepts)
      ? `В чём главное различие между ${joinList(
          concepts.map((concept) => concept.forms.instrumental),
          "и",
        )}?`
      : `В чём главное различие между понятиями ${joinList(
          concepts.map((concept) => `«${concept.name}»`),
          "и",
        )}?`,
  contrastJoiner: ", а ",
  trueFalse: (statement) => `Правильно ли утверждение? «${statement}»`,
  cloze: (sentence) => `Заполните пропуск: «${sentence}»`,
  matchAspects: (concept, family) => {
    const what = family === "fact" ? "аспекты" : "аспекты различий";
    const prepositional = concept.forms.prepositional;
    return hasForms([concept])
      ? `Сопоставьте ${what} с утверждениями ${russianAbout(prepositional)} ${prepositional}.`
      : `Сопоставьте ${what} с утверждениями о понятии «${concept.name}».`;
  },
  matchConcepts: (aspectTitle) => `${aspectTitle}: сопоставьте утверждения с понятиями.`,
  explain: (aspectTitle, concepts) =>
    hasForms(concepts)
      ? `Объясните разницу между ${joinList(
          concepts.map((concept) => concept.forms.instrumental),
          "и",
        )} в аспекте «${aspectTitle}».`
      : `Сравните понятия ${joinList(
          concepts.map((concept) => `«${concept.name}»`),
          "и",
        )} в аспекте «${aspectTitle}».`,
  sourceSays: (quote) => `В источнике: «${quote}»`,
  answerIs: (answer) => `Ответ: ${answer}.`,
};

const ENGLISH: QuestionTemplates = {
  trueLabel: "True",
  falseLabel: "False",
  trueWords: ["true", "yes", "correct", "верно"],
  falseWords: ["false", "no", "incorrect", "неверно"],
  definition: (concept) =>
    `What is ${englishArticle(concept.forms.nominative)} ${concept.forms.nominative}?`,
  reverseDefinition: (masked) => `Which concept is described here? “${masked}”`,
  classify: (masked) => `Which concept does this statement describe? “${masked}”`,
  multipleChoice: (aspectTitle, concept) =>
    `${aspectTitle}: which of these is true of ${concept.forms.plural} in particular?`,
  unitOf: (masked) => `Which concept fills the blank? “${masked}”`,
  scenario: (situation) => `Scenario: ${situation} Which option fits?`,
  whichIsTrue: (aspectTitle) => `${aspectTitle}: which statement is true?`,
  mainDifference: (concepts) =>
    `What is the main difference between ${joinList(
      concepts.map(
        (concept) => `${englishArticle(concept.forms.nominative)} ${concept.forms.nominative}`,
      ),
      "and",
    )}?`,
  contrastJoiner: ", while ",
  trueFalse: (statement) => `Is this statement correct? “${statement}”`,
  cloze: (sentence) => `Fill in the blank: “${sentence}”`,
  matchAspects: (concept, family) =>
    `Match each ${family === "fact" ? "aspect" : "difference"} to its statement about ${concept.forms.plural}.`,
  matchConcepts: (aspectTitle) => `${aspectTitle}: match each statement to its concept.`,
  explain: (aspectTitle, concepts) =>
    `Explain the difference between ${joinList(
      concepts.map((concept) => concept.forms.plural),
      "and",
    )} with respect to “${aspectTitle}”.`,
  sourceSays: (quote) => `The source says: “${quote}”`,
  answerIs: (answer) => `Answer: ${answer}.`,
};

export function templatesFor(language: Language): QuestionTemplates {
  return language === "ru" ? RUSSIAN : ENGLISH;
}
