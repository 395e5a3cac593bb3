-- CreateIndex
CREATE INDEX "AssignmentFirstGood_assignmentId_learnerId_at_questionId_idx" ON "AssignmentFirstGood"("assignmentId", "learnerId", "at", "questionId");

