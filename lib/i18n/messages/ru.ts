export const ru = {
  meta: {
    description: "Интервальные повторения и тесты: чем контейнер отличается от пода Kubernetes.",
  },
  nav: {
    label: "Разделы",
    study: "Учить",
    practice: "Тест",
    interview: "Собеседование",
    decks: "Колоды",
    stats: "Статистика",
  },
  language: { label: "Язык", ru: "Русский", en: "English" },
  common: {
    comingSoon: "Скоро здесь",
    comingSoonText: "Этот раздел ещё в работе. Пока можно учить карточки.",
    toStudy: "Перейти к занятиям",
  },
  home: {
    title: "Контейнер или под?",
    lead: "PodDeck превращает объяснение разницы между контейнером и подом Kubernetes в карточки и тесты с интервальными повторениями. Каждый вопрос ссылается на предложение из источника.",
    start: "Начать без аккаунта",
    decks: "Посмотреть колоды",
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof ru>;
