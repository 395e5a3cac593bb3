-- CreateTable
CREATE TABLE "PracticeAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "questionIds" TEXT NOT NULL,
    "countForReview" BOOLEAN NOT NULL DEFAULT false,
    "retryOfId" TEXT,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "PracticeAttempt_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PracticeAttempt_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PracticeAttempt_retryOfId_fkey" FOREIGN KEY ("retryOfId") REFERENCES "PracticeAttempt" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PracticeAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "attemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "clientAnswerId" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "selfGraded" BOOLEAN NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    CONSTRAINT "PracticeAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "PracticeAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PracticeAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "secondsPerQuestion" INTEGER NOT NULL,
    "items" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    CONSTRAINT "InterviewSession_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterviewSession_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "deadlineAt" DATETIME NOT NULL,
    "clientAnswerId" TEXT,
    "text" TEXT,
    "answeredAt" DATETIME,
    "timedOut" BOOLEAN NOT NULL DEFAULT false,
    "coveredPoints" TEXT,
    "checkedAt" DATETIME,
    "reviewClientAnswerId" TEXT,
    CONSTRAINT "InterviewAnswer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "InterviewSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PracticeAttempt_learnerId_startedAt_idx" ON "PracticeAttempt"("learnerId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeAttempt_learnerId_clientId_key" ON "PracticeAttempt"("learnerId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeAnswer_attemptId_questionId_key" ON "PracticeAnswer"("attemptId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeAnswer_attemptId_clientAnswerId_key" ON "PracticeAnswer"("attemptId", "clientAnswerId");

-- CreateIndex
CREATE INDEX "InterviewSession_learnerId_startedAt_idx" ON "InterviewSession"("learnerId", "startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewSession_learnerId_clientId_key" ON "InterviewSession"("learnerId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewAnswer_sessionId_position_key" ON "InterviewAnswer"("sessionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewAnswer_sessionId_clientAnswerId_key" ON "InterviewAnswer"("sessionId", "clientAnswerId");

