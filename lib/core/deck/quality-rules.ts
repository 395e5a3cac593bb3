/** The quality gate's rules (quality-gate.ts), each with what it asks for: the CLI's wording. */
export const QUALITY_RULES = {
  "gives-answer-away": "the prompt names or contains its own answer",
  "names-another-concept":
    "a “which concept?” prompt names another concept: elimination answers it",
  "agreement-gives-answer-away":
    "the options differ in number or gender, so the words around the blank name the answer",
  "blanked-option": "an option has a blank in it",
  "duplicate-options": "two options say the same thing, or the key is not among the options",
  "distractor-names-concept": "a wrong option names the concept the question asks about",
  "not-a-sentence": "a true/false statement is not a full sentence that can stand alone",
  "inverted-containment": "a false statement puts the holder inside what it holds",
  "poor-cloze-blank": "the blank is after “e.g.”, a bracketed gloss, the platform or a concept",
  "no-contrast-first": "the model answer does not open with the contrast in one sentence",
  "repeated-label": "the model answer repeats a label («Контейнер: Контейнер — …»)",
  "matching-by-words": "a matching pair can be solved by a shared word",
} as const;

export type QualityRule = keyof typeof QUALITY_RULES;
