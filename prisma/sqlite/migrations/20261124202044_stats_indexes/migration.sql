-- DropIndex
DROP INDEX "ReviewLog_learnerId_reviewedAt_idx";

-- CreateIndex
CREATE INDEX "ReviewLog_learnerId_reviewedAt_state_scheduledDays_rating_idx" ON "ReviewLog"("learnerId", "reviewedAt", "state", "scheduledDays", "rating");

-- CreateIndex
CREATE INDEX "ReviewLog_learnerId_questionId_rating_idx" ON "ReviewLog"("learnerId", "questionId", "rating");

