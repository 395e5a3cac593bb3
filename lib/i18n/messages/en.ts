import type { Messages } from "./ru";

export const en: Messages = {
  meta: {
    description: "Spaced repetition and quizzes: how a container differs from a Kubernetes pod.",
  },
  nav: {
    label: "Sections",
    study: "Study",
    practice: "Practice",
    interview: "Interview",
    decks: "Decks",
    stats: "Stats",
  },
  language: { label: "Language", ru: "Русский", en: "English" },
  common: {
    comingSoon: "Coming soon",
    comingSoonText: "This section is still being built. Meanwhile, study the cards.",
    toStudy: "Go to study",
  },
  home: {
    title: "Container or pod?",
    lead: "PodDeck turns an explanation of how a container differs from a Kubernetes pod into spaced-repetition flashcards and quizzes. Every question cites the sentence it came from.",
    start: "Start without an account",
    decks: "Browse the decks",
  },
};
