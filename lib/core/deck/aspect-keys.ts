import { isSameWordForm, splitWords } from "./normalize-text";
import { slugifyText } from "./slugify-text";
import type { AspectKey } from "./types";

type KnownAspectKey = Exclude<AspectKey, `other:${string}`>;

/** Aspect titles (Russian and English) that map onto canonical keys. */
const ASPECT_SYNONYMS: Readonly<Record<KnownAspectKey, readonly string[]>> = {
  definition: ["определение", "что это", "суть", "definition", "what it is"],
  isolation: ["изоляция", "уровень изоляции", "isolation", "isolation level"],
  scaling: ["масштабирование", "масштабируемость", "scaling", "scalability"],
  example: ["пример", "примеры", "example", "examples"],
  management: [
    "масштаб управления",
    "управление",
    "единица управления",
    "management scope",
    "scope of management",
    "management",
  ],
  networking: ["сетевое взаимодействие", "сеть", "сетевая модель", "networking", "network"],
  lifecycle: ["жизненный цикл", "lifecycle", "life cycle"],
  resources: ["ресурсы", "ресурсы и хранилище", "resources", "resource sharing"],
};

const SYNONYM_WORDS: readonly { key: KnownAspectKey; words: string[] }[] = Object.entries(
  ASPECT_SYNONYMS,
).flatMap(([key, titles]) =>
  titles.map((title) => ({ key: key as KnownAspectKey, words: splitWords(title) })),
);

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, index) => isSameWordForm(word, b[index] ?? ""));
}

/** «Изоляция» → "isolation", "Life cycle" → "lifecycle", «Время запуска» → "other:vremya-zapuska". */
export function resolveAspectKey(title: string): AspectKey {
  const words = splitWords(title);
  const match = SYNONYM_WORDS.find((synonym) => sameWords(words, synonym.words));
  if (match) return match.key;
  return `other:${slugifyText(title) || "aspect"}`;
}
