export {
  DEFAULT_STUDY_SETTINGS,
  StepUnitSchema,
  StudySettingsSchema,
  isValidTimeZone,
  type StudySettings,
  type StudySettingsInput,
} from "./settings";
export {
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
