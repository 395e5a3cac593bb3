export { summarizeCardStates, type CardStateCounts, type CardStateRow } from "./card-counts";
export {
  DIFFICULTY_BUCKETS,
  INTERVAL_BUCKETS,
  fillDistribution,
  findBucket,
  labelBuckets,
  type BucketSpec,
  type DistributionBucket,
} from "./distributions";
export {
  heatLevel,
  layoutHeatmap,
  summarizeMonths,
  type HeatmapCell,
  type HeatmapDay,
  type HeatmapLayout,
  type MonthSummary,
} from "./heatmap";
export {
  computeMastery,
  findWeakest,
  type DeckMastery,
  type QuestionRatingCount,
  type QuestionTopics,
  type TopicMastery,
} from "./mastery";
export {
  MATURE_INTERVAL_DAYS,
  RECALLED_MIN_RATING,
  RETENTION_WINDOWS,
  addRecallCounts,
  firstDayOfWindow,
  recallRate,
  toRetentionWindow,
  type RecallCounts,
  type RetentionWindow,
} from "./retention";
export { computeStreak, extendStreak, type Streak } from "./streak";
export {
  listComingStudyDays,
  listPastStudyDays,
  spreadOverDays,
  type StudyDay,
  type StudyDayOptions,
} from "./study-days";
