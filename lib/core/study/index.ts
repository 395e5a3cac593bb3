export {
  DEFAULT_STUDY_SETTINGS,
  FsrsParametersSchema,
  StepUnitSchema,
  StudySettingsSchema,
  isValidTimeZone,
  type StudySettings,
  type StudySettingsInput,
} from "./settings";
export {
  DEFAULT_FSRS_PARAMETERS,
  RATING_NAMES,
  RATING_VALUES,
  Rating,
  State,
  applyRating,
  newCardState,
  previewIntervals,
  rollbackRating,
  type CardState,
  type IntervalPreview,
  type RatedCard,
  type RatingName,
  type RatingValue,
  type ReviewLogState,
  type SchedulerSettings,
  type StateName,
  type StateValue,
} from "./scheduler";
export { formatInterval } from "./format-interval";
export { nextStudyDayStart, studyDayKey, studyDayStart } from "./study-day";
export {
  buildStudyQueue,
  countQueue,
  listSiblingKeysStudiedToday,
  type BuildStudyQueueInput,
  type QueueCard,
  type QueueCounts,
  type QueueEntry,
  type QueueReason,
  type StudiedSibling,
} from "./build-queue";
export {
  FAST_ANSWER_THRESHOLD_MS,
  isAutoGradedKind,
  proposeRating,
  type AutoGradedKind,
  type ProposeRatingInput,
} from "./propose-rating";
export {
  MIN_ITEMS_FOR_OPTIMISATION,
  MIN_REVIEWS_FOR_OPTIMISATION,
  buildFsrsItems,
  judgeHistory,
  type FsrsTrainingItem,
  type FsrsTrainingReview,
  type HistoryReview,
  type HistoryVerdict,
} from "./fsrs-history";
