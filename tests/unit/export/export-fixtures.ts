import type { Question } from "@/lib/core/deck/types";
import type { ExportDeckInfo, ExportQuestion } from "@/lib/core/export/flatten";
import { loadDeck, SEED_RU, VM_RU } from "../deck/deck-fixtures";

export const EDITED_AT = new Date("2026-03-01T10:00:00Z");

/** A built-in document as an export sees it: deck info and questions with their edit time. */
export function exportDeckOf(file: string = VM_RU): {
  deck: ExportDeckInfo;
  questions: ExportQuestion[];
} {
  const built = loadDeck(file);
  return {
    deck: {
      id: built.summary.id,
      title: built.summary.title,
      language: built.summary.language,
      aspects: built.summary.aspects,
    },
    questions: built.questions.map((question) => ({ question, updatedAt: EDITED_AT })),
  };
}

export { SEED_RU, VM_RU };

/** A hand-made question with the characters every format must survive. */
export function trickyQuestion(overrides: Partial<Question> = {}): Question {
  return {
    id: "explain-tricky",
    deckId: "tricky",
    kind: "explain",
    language: "ru",
    prompt: 'Под\tи "контейнер":\nчем <b>они</b> различаются & почему?',
    answer: "#1 Под — группа;\r\nконтейнер — процесс",
    acceptedAnswers: [],
    keyPoints: ["общая сеть", "общие тома"],
    explanation: "Так написано.",
    source: { section: ["Итог"], line: 7, endLine: 7, quote: "Под — группа контейнеров." },
    tags: { concepts: ["pod", "container"], aspect: "other:общее управление" },
    siblingKey: "summary",
    difficulty: 3,
    ...overrides,
  };
}
