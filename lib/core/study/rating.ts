/**
 * The four answer ratings, apart from the scheduler: the browser grades with them
 * (propose-rating) and must not pull ts-fsrs into its bundle to do so.
 */
export const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type RatingName = keyof typeof Rating;
export type RatingValue = (typeof Rating)[RatingName];
export const RATING_VALUES: readonly RatingValue[] = [
  Rating.Again,
  Rating.Hard,
  Rating.Good,
  Rating.Easy,
];
export const RATING_NAMES: Readonly<Record<RatingValue, RatingName>> = {
  1: "Again",
  2: "Hard",
  3: "Good",
  4: "Easy",
};
