-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "AppMeta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppMeta_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Deck" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "sourceMarkdown" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "contentVersion" INTEGER NOT NULL DEFAULT 1,
    "ownerId" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "editedAt" TIMESTAMP(3),
    "editAdded" INTEGER,
    "editChanged" INTEGER,
    "editRetired" INTEGER,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Deck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Question" (
    "id" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "aspect" TEXT NOT NULL,
    "siblingKey" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "retiredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeckShare" (
    "deckId" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeckShare_pkey" PRIMARY KEY ("deckId","classId")
);

-- CreateTable
CREATE TABLE "Learner" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "settings" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "fsrsParameters" TEXT,

    CONSTRAINT "Learner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Card" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "due" TIMESTAMP(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "elapsedDays" INTEGER NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "learningSteps" INTEGER NOT NULL,
    "reps" INTEGER NOT NULL,
    "lapses" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "lastReview" TIMESTAMP(3),
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "buriedUntil" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Card_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewLog" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "cardId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "clientAnswerId" TEXT NOT NULL,
    "siblingKey" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "due" TIMESTAMP(3) NOT NULL,
    "stability" DOUBLE PRECISION NOT NULL,
    "difficulty" DOUBLE PRECISION NOT NULL,
    "elapsedDays" INTEGER NOT NULL,
    "lastElapsedDays" INTEGER NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "learningSteps" INTEGER NOT NULL,
    "previousDue" TIMESTAMP(3) NOT NULL,
    "reviewedAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "answer" TEXT,
    "correct" BOOLEAN,
    "response" TEXT NOT NULL,

    CONSTRAINT "ReviewLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewTally" (
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewTally_pkey" PRIMARY KEY ("learnerId","questionId","rating")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'learner',
    "locale" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeAttempt" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "questionIds" TEXT NOT NULL,
    "countForReview" BOOLEAN NOT NULL DEFAULT false,
    "retryOfId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PracticeAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PracticeAnswer" (
    "id" TEXT NOT NULL,
    "attemptId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "clientAnswerId" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "selfGraded" BOOLEAN NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PracticeAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewSession" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "secondsPerQuestion" INTEGER NOT NULL,
    "items" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "InterviewSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewAnswer" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "deadlineAt" TIMESTAMP(3) NOT NULL,
    "clientAnswerId" TEXT,
    "text" TEXT,
    "answeredAt" TIMESTAMP(3),
    "timedOut" BOOLEAN NOT NULL DEFAULT false,
    "coveredPoints" TEXT,
    "checkedAt" TIMESTAMP(3),
    "reviewClientAnswerId" TEXT,

    CONSTRAINT "InterviewAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionReport" (
    "id" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "comment" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "QuestionReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitEvent" (
    "id" TEXT NOT NULL,
    "bucket" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Class" (
    "id" TEXT NOT NULL,
    "teacherId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "timeZone" TEXT NOT NULL,
    "joinCode" TEXT NOT NULL,
    "joiningOpen" BOOLEAN NOT NULL DEFAULT true,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Class_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "displayName" TEXT,
    "joinedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "aspects" TEXT NOT NULL,
    "kinds" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "questionCount" INTEGER,
    "passMark" INTEGER,
    "openAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssignmentFirstGood" (
    "assignmentId" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssignmentFirstGood_pkey" PRIMARY KEY ("assignmentId","learnerId","questionId")
);

-- CreateTable
CREATE TABLE "LiveGame" (
    "id" TEXT NOT NULL,
    "pin" TEXT,
    "hostUserId" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "classId" TEXT,
    "settings" TEXT NOT NULL,
    "questionIds" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'lobby',
    "questionIndex" INTEGER NOT NULL DEFAULT -1,
    "questionOpenedAt" TIMESTAMP(3),
    "deadlineAt" TIMESTAMP(3),
    "pausedRemainingMs" INTEGER,
    "lobbyLocked" BOOLEAN NOT NULL DEFAULT false,
    "bannedNicknames" TEXT NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "LiveGame_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LivePlayer" (
    "id" TEXT NOT NULL,
    "gameId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "nicknameKey" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "score" INTEGER NOT NULL DEFAULT 0,
    "streak" INTEGER NOT NULL DEFAULT 0,
    "kickedAt" TIMESTAMP(3),
    "joinedAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "learnerId" TEXT,
    "reviewsAddedAt" TIMESTAMP(3),

    CONSTRAINT "LivePlayer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiveAnswer" (
    "id" TEXT NOT NULL,
    "gameId" TEXT NOT NULL,
    "playerId" TEXT NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "choice" TEXT NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "points" INTEGER NOT NULL,
    "elapsedMs" INTEGER NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LiveAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FsrsOptimisation" (
    "id" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "activeKey" TEXT,
    "status" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "heartbeatAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "reviewCount" INTEGER,
    "parameters" TEXT,
    "logLossBefore" DOUBLE PRECISION,
    "rmseBefore" DOUBLE PRECISION,
    "logLossAfter" DOUBLE PRECISION,
    "rmseAfter" DOUBLE PRECISION,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "FsrsOptimisation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Deck_ownerId_idx" ON "Deck"("ownerId");

-- CreateIndex
CREATE INDEX "Question_deckId_retiredAt_position_idx" ON "Question"("deckId", "retiredAt", "position");

-- CreateIndex
CREATE INDEX "DeckShare_classId_idx" ON "DeckShare"("classId");

-- CreateIndex
CREATE UNIQUE INDEX "Learner_userId_key" ON "Learner"("userId");

-- CreateIndex
CREATE INDEX "Card_learnerId_suspended_due_idx" ON "Card"("learnerId", "suspended", "due");

-- CreateIndex
CREATE UNIQUE INDEX "Card_learnerId_questionId_key" ON "Card"("learnerId", "questionId");

-- CreateIndex
CREATE INDEX "ReviewLog_learnerId_reviewedAt_state_scheduledDays_rating_idx" ON "ReviewLog"("learnerId", "reviewedAt", "state", "scheduledDays", "rating");

-- CreateIndex
CREATE INDEX "ReviewLog_learnerId_questionId_rating_reviewedAt_idx" ON "ReviewLog"("learnerId", "questionId", "rating", "reviewedAt");

-- CreateIndex
CREATE INDEX "ReviewLog_cardId_reviewedAt_idx" ON "ReviewLog"("cardId", "reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewLog_learnerId_clientAnswerId_key" ON "ReviewLog"("learnerId", "clientAnswerId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- CreateIndex
CREATE INDEX "SignInAttempt_email_createdAt_idx" ON "SignInAttempt"("email", "createdAt");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_createdAt_idx" ON "SignInAttempt"("ip", "createdAt");

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

-- CreateIndex
CREATE INDEX "QuestionReport_status_questionId_idx" ON "QuestionReport"("status", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionReport_learnerId_questionId_key" ON "QuestionReport"("learnerId", "questionId");

-- CreateIndex
CREATE INDEX "RateLimitEvent_bucket_key_createdAt_idx" ON "RateLimitEvent"("bucket", "key", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Class_joinCode_key" ON "Class"("joinCode");

-- CreateIndex
CREATE INDEX "Class_teacherId_createdAt_idx" ON "Class"("teacherId", "createdAt");

-- CreateIndex
CREATE INDEX "Enrollment_learnerId_idx" ON "Enrollment"("learnerId");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollment_classId_learnerId_key" ON "Enrollment"("classId", "learnerId");

-- CreateIndex
CREATE INDEX "Assignment_classId_dueAt_idx" ON "Assignment"("classId", "dueAt");

-- CreateIndex
CREATE INDEX "AssignmentFirstGood_learnerId_questionId_idx" ON "AssignmentFirstGood"("learnerId", "questionId");

-- CreateIndex
CREATE INDEX "AssignmentFirstGood_assignmentId_learnerId_at_questionId_idx" ON "AssignmentFirstGood"("assignmentId", "learnerId", "at", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "LiveGame_pin_key" ON "LiveGame"("pin");

-- CreateIndex
CREATE INDEX "LiveGame_hostUserId_createdAt_idx" ON "LiveGame"("hostUserId", "createdAt");

-- CreateIndex
CREATE INDEX "LiveGame_classId_idx" ON "LiveGame"("classId");

-- CreateIndex
CREATE UNIQUE INDEX "LivePlayer_tokenHash_key" ON "LivePlayer"("tokenHash");

-- CreateIndex
CREATE INDEX "LivePlayer_learnerId_idx" ON "LivePlayer"("learnerId");

-- CreateIndex
CREATE UNIQUE INDEX "LivePlayer_gameId_nicknameKey_key" ON "LivePlayer"("gameId", "nicknameKey");

-- CreateIndex
CREATE INDEX "LiveAnswer_gameId_questionIndex_idx" ON "LiveAnswer"("gameId", "questionIndex");

-- CreateIndex
CREATE UNIQUE INDEX "LiveAnswer_playerId_questionIndex_key" ON "LiveAnswer"("playerId", "questionIndex");

-- CreateIndex
CREATE UNIQUE INDEX "FsrsOptimisation_activeKey_key" ON "FsrsOptimisation"("activeKey");

-- CreateIndex
CREATE INDEX "FsrsOptimisation_status_createdAt_idx" ON "FsrsOptimisation"("status", "createdAt");

-- CreateIndex
CREATE INDEX "FsrsOptimisation_learnerId_createdAt_idx" ON "FsrsOptimisation"("learnerId", "createdAt");

-- AddForeignKey
ALTER TABLE "Deck" ADD CONSTRAINT "Deck_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeckShare" ADD CONSTRAINT "DeckShare_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeckShare" ADD CONSTRAINT "DeckShare_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Learner" ADD CONSTRAINT "Learner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Card" ADD CONSTRAINT "Card_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewLog" ADD CONSTRAINT "ReviewLog_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewLog" ADD CONSTRAINT "ReviewLog_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewLog" ADD CONSTRAINT "ReviewLog_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAttempt" ADD CONSTRAINT "PracticeAttempt_retryOfId_fkey" FOREIGN KEY ("retryOfId") REFERENCES "PracticeAttempt"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAnswer" ADD CONSTRAINT "PracticeAnswer_attemptId_fkey" FOREIGN KEY ("attemptId") REFERENCES "PracticeAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeAnswer" ADD CONSTRAINT "PracticeAnswer_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewSession" ADD CONSTRAINT "InterviewSession_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewSession" ADD CONSTRAINT "InterviewSession_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewAnswer" ADD CONSTRAINT "InterviewAnswer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "InterviewSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionReport" ADD CONSTRAINT "QuestionReport_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionReport" ADD CONSTRAINT "QuestionReport_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Class" ADD CONSTRAINT "Class_teacherId_fkey" FOREIGN KEY ("teacherId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentFirstGood" ADD CONSTRAINT "AssignmentFirstGood_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssignmentFirstGood" ADD CONSTRAINT "AssignmentFirstGood_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveGame" ADD CONSTRAINT "LiveGame_hostUserId_fkey" FOREIGN KEY ("hostUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveGame" ADD CONSTRAINT "LiveGame_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveGame" ADD CONSTRAINT "LiveGame_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LivePlayer" ADD CONSTRAINT "LivePlayer_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "LiveGame"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LivePlayer" ADD CONSTRAINT "LivePlayer_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveAnswer" ADD CONSTRAINT "LiveAnswer_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "LiveGame"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiveAnswer" ADD CONSTRAINT "LiveAnswer_playerId_fkey" FOREIGN KEY ("playerId") REFERENCES "LivePlayer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FsrsOptimisation" ADD CONSTRAINT "FsrsOptimisation_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the PostgreSQL twins of the SQLite migrations' triggers (decision 007), one
-- plpgsql function per trigger, same names, same effect. AFTER … FOR EACH ROW triggers run
-- after the whole statement here, row by row, where SQLite runs each after its row: every body
-- recomputes from ReviewLog, so both end in the same rows. (The SQLite migrations' backfills of
-- ReviewTally and AssignmentFirstGood have nothing to fill in a new database.)
-- tests/integration/migrations.test.ts fails when a SQLite trigger has no twin here.

-- ReviewTally: one row per learner, question and rating, kept in step with ReviewLog.
CREATE FUNCTION "ReviewTally_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReviewTally" AS t ("learnerId", "questionId", "rating", "count", "firstAt", "lastAt")
  VALUES (NEW."learnerId", NEW."questionId", NEW."rating", 1, NEW."reviewedAt", NEW."reviewedAt")
  ON CONFLICT ("learnerId", "questionId", "rating") DO UPDATE SET
    "count" = t."count" + 1,
    "firstAt" = LEAST(t."firstAt", excluded."firstAt"),
    "lastAt" = GREATEST(t."lastAt", excluded."lastAt");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ReviewTally_insert" AFTER INSERT ON "ReviewLog"
  FOR EACH ROW EXECUTE FUNCTION "ReviewTally_insert"();

CREATE FUNCTION "ReviewTally_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReviewTally"
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "rating" = OLD."rating";
  INSERT INTO "ReviewTally" ("learnerId", "questionId", "rating", "count", "firstAt", "lastAt")
  SELECT r."learnerId", r."questionId", r."rating", COUNT(*), MIN(r."reviewedAt"), MAX(r."reviewedAt")
  FROM "ReviewLog" r
  WHERE r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId" AND r."rating" = OLD."rating"
  GROUP BY r."learnerId", r."questionId", r."rating";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ReviewTally_delete" AFTER DELETE ON "ReviewLog"
  FOR EACH ROW EXECUTE FUNCTION "ReviewTally_delete"();

CREATE FUNCTION "ReviewTally_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReviewTally"
  WHERE ("learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "rating" = OLD."rating")
     OR ("learnerId" = NEW."learnerId" AND "questionId" = NEW."questionId" AND "rating" = NEW."rating");
  INSERT INTO "ReviewTally" ("learnerId", "questionId", "rating", "count", "firstAt", "lastAt")
  SELECT r."learnerId", r."questionId", r."rating", COUNT(*), MIN(r."reviewedAt"), MAX(r."reviewedAt")
  FROM "ReviewLog" r
  WHERE (r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId" AND r."rating" = OLD."rating")
     OR (r."learnerId" = NEW."learnerId" AND r."questionId" = NEW."questionId" AND r."rating" = NEW."rating")
  GROUP BY r."learnerId", r."questionId", r."rating";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ReviewTally_update" AFTER UPDATE OF "learnerId", "questionId", "rating", "reviewedAt" ON "ReviewLog"
  FOR EACH ROW EXECUTE FUNCTION "ReviewTally_update"();

-- AssignmentFirstGood: each study assignment's first Good or Easy answer per student and question
-- since its opening. Ratings: 3 = Good, 4 = Easy (ts-fsrs).
CREATE FUNCTION "AssignmentFirstGood_answer_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AssignmentFirstGood" AS f ("assignmentId", "learnerId", "questionId", "at")
  SELECT a."id", NEW."learnerId", NEW."questionId", NEW."reviewedAt"
  FROM "Enrollment" e
  JOIN "Assignment" a ON a."classId" = e."classId"
  JOIN "Question" q ON q."id" = NEW."questionId"
  WHERE e."learnerId" = NEW."learnerId" AND a."openAt" <= NEW."reviewedAt"
    AND a."kind" = 'study' AND q."deckId" = a."deckId"
    AND (json_array_length(a."aspects"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(a."aspects"::json) j WHERE j = q."aspect"))
    AND (json_array_length(a."kinds"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(a."kinds"::json) j WHERE j = q."kind"))
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = LEAST(f."at", excluded."at");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AssignmentFirstGood_answer_insert" AFTER INSERT ON "ReviewLog"
  FOR EACH ROW
  WHEN (NEW."rating" >= 3) EXECUTE FUNCTION "AssignmentFirstGood_answer_insert"();

CREATE FUNCTION "AssignmentFirstGood_answer_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AssignmentFirstGood"
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "at" = OLD."reviewedAt"
    AND (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r, "Assignment" a
      WHERE a."id" = "AssignmentFirstGood"."assignmentId" AND r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId"
        AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt") IS NULL;
  UPDATE "AssignmentFirstGood" SET "at" = (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r, "Assignment" a
      WHERE a."id" = "AssignmentFirstGood"."assignmentId" AND r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId"
        AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt")
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "at" = OLD."reviewedAt";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AssignmentFirstGood_answer_delete" AFTER DELETE ON "ReviewLog"
  FOR EACH ROW
  WHEN (OLD."rating" >= 3) EXECUTE FUNCTION "AssignmentFirstGood_answer_delete"();

CREATE FUNCTION "AssignmentFirstGood_answer_update_old"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AssignmentFirstGood"
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "at" = OLD."reviewedAt"
    AND (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r, "Assignment" a
      WHERE a."id" = "AssignmentFirstGood"."assignmentId" AND r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId"
        AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt") IS NULL;
  UPDATE "AssignmentFirstGood" SET "at" = (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r, "Assignment" a
      WHERE a."id" = "AssignmentFirstGood"."assignmentId" AND r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId"
        AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt")
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "at" = OLD."reviewedAt";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AssignmentFirstGood_answer_update_old" AFTER UPDATE OF "learnerId", "questionId", "rating", "reviewedAt" ON "ReviewLog"
  FOR EACH ROW
  WHEN (OLD."rating" >= 3) EXECUTE FUNCTION "AssignmentFirstGood_answer_update_old"();

CREATE FUNCTION "AssignmentFirstGood_answer_update_new"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AssignmentFirstGood" AS f ("assignmentId", "learnerId", "questionId", "at")
  SELECT a."id", NEW."learnerId", NEW."questionId", NEW."reviewedAt"
  FROM "Enrollment" e
  JOIN "Assignment" a ON a."classId" = e."classId"
  JOIN "Question" q ON q."id" = NEW."questionId"
  WHERE e."learnerId" = NEW."learnerId" AND a."openAt" <= NEW."reviewedAt"
    AND a."kind" = 'study' AND q."deckId" = a."deckId"
    AND (json_array_length(a."aspects"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(a."aspects"::json) j WHERE j = q."aspect"))
    AND (json_array_length(a."kinds"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(a."kinds"::json) j WHERE j = q."kind"))
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = LEAST(f."at", excluded."at");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AssignmentFirstGood_answer_update_new" AFTER UPDATE OF "learnerId", "questionId", "rating", "reviewedAt" ON "ReviewLog"
  FOR EACH ROW
  WHEN (NEW."rating" >= 3) EXECUTE FUNCTION "AssignmentFirstGood_answer_update_new"();

CREATE FUNCTION "AssignmentFirstGood_enrollment_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AssignmentFirstGood" ("assignmentId", "learnerId", "questionId", "at")
  SELECT x."assignmentId", NEW."learnerId", x."questionId", x."at"
  FROM (
    SELECT a."id" AS "assignmentId", q."id" AS "questionId",
      (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r
        WHERE r."learnerId" = NEW."learnerId" AND r."questionId" = q."id"
          AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt") AS "at"
    FROM "Assignment" a, "Question" q
    WHERE a."classId" = NEW."classId"
      AND a."kind" = 'study' AND q."deckId" = a."deckId"
    AND (json_array_length(a."aspects"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(a."aspects"::json) j WHERE j = q."aspect"))
    AND (json_array_length(a."kinds"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(a."kinds"::json) j WHERE j = q."kind"))
  ) x
  WHERE x."at" IS NOT NULL
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = excluded."at";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AssignmentFirstGood_enrollment_insert" AFTER INSERT ON "Enrollment"
  FOR EACH ROW EXECUTE FUNCTION "AssignmentFirstGood_enrollment_insert"();

CREATE FUNCTION "AssignmentFirstGood_enrollment_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AssignmentFirstGood"
  WHERE "learnerId" = OLD."learnerId"
    AND "assignmentId" IN (SELECT a."id" FROM "Assignment" a WHERE a."classId" = OLD."classId");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AssignmentFirstGood_enrollment_delete" AFTER DELETE ON "Enrollment"
  FOR EACH ROW EXECUTE FUNCTION "AssignmentFirstGood_enrollment_delete"();

CREATE FUNCTION "AssignmentFirstGood_enrollment_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AssignmentFirstGood"
  WHERE "learnerId" = OLD."learnerId"
    AND "assignmentId" IN (SELECT a."id" FROM "Assignment" a WHERE a."classId" = OLD."classId");
  INSERT INTO "AssignmentFirstGood" ("assignmentId", "learnerId", "questionId", "at")
  SELECT x."assignmentId", NEW."learnerId", x."questionId", x."at"
  FROM (
    SELECT a."id" AS "assignmentId", q."id" AS "questionId",
      (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r
        WHERE r."learnerId" = NEW."learnerId" AND r."questionId" = q."id"
          AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt") AS "at"
    FROM "Assignment" a, "Question" q
    WHERE a."classId" = NEW."classId"
      AND a."kind" = 'study' AND q."deckId" = a."deckId"
    AND (json_array_length(a."aspects"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(a."aspects"::json) j WHERE j = q."aspect"))
    AND (json_array_length(a."kinds"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(a."kinds"::json) j WHERE j = q."kind"))
  ) x
  WHERE x."at" IS NOT NULL
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = excluded."at";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AssignmentFirstGood_enrollment_update" AFTER UPDATE OF "learnerId", "classId" ON "Enrollment"
  FOR EACH ROW EXECUTE FUNCTION "AssignmentFirstGood_enrollment_update"();

CREATE FUNCTION "AssignmentFirstGood_assignment_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "AssignmentFirstGood" ("assignmentId", "learnerId", "questionId", "at")
  SELECT NEW."id", x."learnerId", x."questionId", x."at"
  FROM (
    SELECT e."learnerId" AS "learnerId", q."id" AS "questionId",
      (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r
        WHERE r."learnerId" = e."learnerId" AND r."questionId" = q."id"
          AND r."rating" IN (3, 4) AND r."reviewedAt" >= NEW."openAt") AS "at"
    FROM "Enrollment" e, "Question" q
    WHERE e."classId" = NEW."classId"
      AND NEW."kind" = 'study' AND q."deckId" = NEW."deckId"
    AND (json_array_length(NEW."aspects"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(NEW."aspects"::json) j WHERE j = q."aspect"))
    AND (json_array_length(NEW."kinds"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(NEW."kinds"::json) j WHERE j = q."kind"))
  ) x
  WHERE x."at" IS NOT NULL
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = excluded."at";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AssignmentFirstGood_assignment_insert" AFTER INSERT ON "Assignment"
  FOR EACH ROW EXECUTE FUNCTION "AssignmentFirstGood_assignment_insert"();

CREATE FUNCTION "AssignmentFirstGood_assignment_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AssignmentFirstGood" WHERE "assignmentId" = OLD."id";
  INSERT INTO "AssignmentFirstGood" ("assignmentId", "learnerId", "questionId", "at")
  SELECT NEW."id", x."learnerId", x."questionId", x."at"
  FROM (
    SELECT e."learnerId" AS "learnerId", q."id" AS "questionId",
      (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r
        WHERE r."learnerId" = e."learnerId" AND r."questionId" = q."id"
          AND r."rating" IN (3, 4) AND r."reviewedAt" >= NEW."openAt") AS "at"
    FROM "Enrollment" e, "Question" q
    WHERE e."classId" = NEW."classId"
      AND NEW."kind" = 'study' AND q."deckId" = NEW."deckId"
    AND (json_array_length(NEW."aspects"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(NEW."aspects"::json) j WHERE j = q."aspect"))
    AND (json_array_length(NEW."kinds"::json) = 0
      OR EXISTS (SELECT 1 FROM json_array_elements_text(NEW."kinds"::json) j WHERE j = q."kind"))
  ) x
  WHERE x."at" IS NOT NULL
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = excluded."at";
  RETURN NULL;
END;
$$;
CREATE TRIGGER "AssignmentFirstGood_assignment_update" AFTER UPDATE OF "classId", "deckId", "aspects", "kinds", "kind", "openAt" ON "Assignment"
  FOR EACH ROW EXECUTE FUNCTION "AssignmentFirstGood_assignment_update"();
