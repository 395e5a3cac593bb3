-- CreateTable
CREATE TABLE "ReviewTally" (
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "firstAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,

    PRIMARY KEY ("learnerId", "questionId", "rating")
);

-- CreateTable
CREATE TABLE "AssignmentFirstGood" (
    "assignmentId" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,

    PRIMARY KEY ("assignmentId", "learnerId", "questionId"),
    CONSTRAINT "AssignmentFirstGood_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentFirstGood_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AssignmentFirstGood_learnerId_questionId_idx" ON "AssignmentFirstGood"("learnerId", "questionId");


-- Kept in step with ReviewLog by triggers, so every write path (answers, undo, a guest's history
-- moving into an account, account deletion, tools) keeps it exact in the same statement.
-- An answer adds one; a delete or an update of a key column recounts the affected keys from
-- ReviewLog (an index range of one learner, question and rating), which keeps firstAt/lastAt exact.
CREATE TRIGGER "ReviewTally_insert" AFTER INSERT ON "ReviewLog" BEGIN
  INSERT INTO "ReviewTally" ("learnerId", "questionId", "rating", "count", "firstAt", "lastAt")
  VALUES (NEW."learnerId", NEW."questionId", NEW."rating", 1, NEW."reviewedAt", NEW."reviewedAt")
  ON CONFLICT ("learnerId", "questionId", "rating") DO UPDATE SET
    "count" = "count" + 1,
    "firstAt" = MIN("firstAt", excluded."firstAt"),
    "lastAt" = MAX("lastAt", excluded."lastAt");
END;

CREATE TRIGGER "ReviewTally_delete" AFTER DELETE ON "ReviewLog" BEGIN
  DELETE FROM "ReviewTally"
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "rating" = OLD."rating";
  INSERT INTO "ReviewTally" ("learnerId", "questionId", "rating", "count", "firstAt", "lastAt")
  SELECT r."learnerId", r."questionId", r."rating", COUNT(*), MIN(r."reviewedAt"), MAX(r."reviewedAt")
  FROM "ReviewLog" r
  WHERE r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId" AND r."rating" = OLD."rating"
  GROUP BY r."learnerId", r."questionId", r."rating";
END;

CREATE TRIGGER "ReviewTally_update" AFTER UPDATE OF "learnerId", "questionId", "rating", "reviewedAt" ON "ReviewLog" BEGIN
  DELETE FROM "ReviewTally"
  WHERE ("learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "rating" = OLD."rating")
     OR ("learnerId" = NEW."learnerId" AND "questionId" = NEW."questionId" AND "rating" = NEW."rating");
  INSERT INTO "ReviewTally" ("learnerId", "questionId", "rating", "count", "firstAt", "lastAt")
  SELECT r."learnerId", r."questionId", r."rating", COUNT(*), MIN(r."reviewedAt"), MAX(r."reviewedAt")
  FROM "ReviewLog" r
  WHERE (r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId" AND r."rating" = OLD."rating")
     OR (r."learnerId" = NEW."learnerId" AND r."questionId" = NEW."questionId" AND r."rating" = NEW."rating")
  GROUP BY r."learnerId", r."questionId", r."rating";
END;

-- The answers given before this migration.
INSERT INTO "ReviewTally" ("learnerId", "questionId", "rating", "count", "firstAt", "lastAt")
SELECT "learnerId", "questionId", "rating", COUNT(*), MIN("reviewedAt"), MAX("reviewedAt")
FROM "ReviewLog"
GROUP BY "learnerId", "questionId", "rating";

-- AssignmentFirstGood follows ReviewLog, Enrollment and Assignment through the triggers below, in
-- the same statement as each change: a Good or Easy answer raises rows to it, a removed or moved
-- one sends the rows that were it to the next answer since the opening (or removes them), joining
-- or leaving a class fills or clears that student's rows, and a new or edited study assignment
-- is filled from the enrolled students' answers (one index seek per student and question).
-- Ratings: 3 = Good, 4 = Easy (ts-fsrs).
CREATE TRIGGER "AssignmentFirstGood_answer_insert" AFTER INSERT ON "ReviewLog"
WHEN NEW."rating" >= 3 BEGIN
  INSERT INTO "AssignmentFirstGood" ("assignmentId", "learnerId", "questionId", "at")
  SELECT a."id", NEW."learnerId", NEW."questionId", NEW."reviewedAt"
  FROM "Enrollment" e
  JOIN "Assignment" a ON a."classId" = e."classId"
  JOIN "Question" q ON q."id" = NEW."questionId"
  WHERE e."learnerId" = NEW."learnerId" AND a."openAt" <= NEW."reviewedAt"
    AND a."kind" = 'study' AND q."deckId" = a."deckId"
    AND (json_array_length(a."aspects") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."aspects") j WHERE j."value" = q."aspect"))
    AND (json_array_length(a."kinds") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."kinds") j WHERE j."value" = q."kind"))
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = MIN("at", excluded."at");
END;

CREATE TRIGGER "AssignmentFirstGood_answer_delete" AFTER DELETE ON "ReviewLog"
WHEN OLD."rating" >= 3 BEGIN
  DELETE FROM "AssignmentFirstGood"
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "at" = OLD."reviewedAt"
    AND (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r, "Assignment" a
      WHERE a."id" = "AssignmentFirstGood"."assignmentId" AND r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId"
        AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt") IS NULL;
  UPDATE "AssignmentFirstGood" SET "at" = (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r, "Assignment" a
      WHERE a."id" = "AssignmentFirstGood"."assignmentId" AND r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId"
        AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt")
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "at" = OLD."reviewedAt";
END;

CREATE TRIGGER "AssignmentFirstGood_answer_update_old"
AFTER UPDATE OF "learnerId", "questionId", "rating", "reviewedAt" ON "ReviewLog"
WHEN OLD."rating" >= 3 BEGIN
  DELETE FROM "AssignmentFirstGood"
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "at" = OLD."reviewedAt"
    AND (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r, "Assignment" a
      WHERE a."id" = "AssignmentFirstGood"."assignmentId" AND r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId"
        AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt") IS NULL;
  UPDATE "AssignmentFirstGood" SET "at" = (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r, "Assignment" a
      WHERE a."id" = "AssignmentFirstGood"."assignmentId" AND r."learnerId" = OLD."learnerId" AND r."questionId" = OLD."questionId"
        AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt")
  WHERE "learnerId" = OLD."learnerId" AND "questionId" = OLD."questionId" AND "at" = OLD."reviewedAt";
END;

CREATE TRIGGER "AssignmentFirstGood_answer_update_new"
AFTER UPDATE OF "learnerId", "questionId", "rating", "reviewedAt" ON "ReviewLog"
WHEN NEW."rating" >= 3 BEGIN
  INSERT INTO "AssignmentFirstGood" ("assignmentId", "learnerId", "questionId", "at")
  SELECT a."id", NEW."learnerId", NEW."questionId", NEW."reviewedAt"
  FROM "Enrollment" e
  JOIN "Assignment" a ON a."classId" = e."classId"
  JOIN "Question" q ON q."id" = NEW."questionId"
  WHERE e."learnerId" = NEW."learnerId" AND a."openAt" <= NEW."reviewedAt"
    AND a."kind" = 'study' AND q."deckId" = a."deckId"
    AND (json_array_length(a."aspects") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."aspects") j WHERE j."value" = q."aspect"))
    AND (json_array_length(a."kinds") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."kinds") j WHERE j."value" = q."kind"))
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = MIN("at", excluded."at");
END;

CREATE TRIGGER "AssignmentFirstGood_enrollment_insert" AFTER INSERT ON "Enrollment" BEGIN
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
    AND (json_array_length(a."aspects") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."aspects") j WHERE j."value" = q."aspect"))
    AND (json_array_length(a."kinds") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."kinds") j WHERE j."value" = q."kind"))
  ) x
  WHERE x."at" IS NOT NULL
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = excluded."at";
END;

CREATE TRIGGER "AssignmentFirstGood_enrollment_delete" AFTER DELETE ON "Enrollment" BEGIN
  DELETE FROM "AssignmentFirstGood"
  WHERE "learnerId" = OLD."learnerId"
    AND "assignmentId" IN (SELECT a."id" FROM "Assignment" a WHERE a."classId" = OLD."classId");
END;

CREATE TRIGGER "AssignmentFirstGood_enrollment_update"
AFTER UPDATE OF "learnerId", "classId" ON "Enrollment" BEGIN
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
    AND (json_array_length(a."aspects") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."aspects") j WHERE j."value" = q."aspect"))
    AND (json_array_length(a."kinds") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."kinds") j WHERE j."value" = q."kind"))
  ) x
  WHERE x."at" IS NOT NULL
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = excluded."at";
END;

CREATE TRIGGER "AssignmentFirstGood_assignment_insert" AFTER INSERT ON "Assignment" BEGIN
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
    AND (json_array_length(NEW."aspects") = 0
      OR EXISTS (SELECT 1 FROM json_each(NEW."aspects") j WHERE j."value" = q."aspect"))
    AND (json_array_length(NEW."kinds") = 0
      OR EXISTS (SELECT 1 FROM json_each(NEW."kinds") j WHERE j."value" = q."kind"))
  ) x
  WHERE x."at" IS NOT NULL
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = excluded."at";
END;

CREATE TRIGGER "AssignmentFirstGood_assignment_update"
AFTER UPDATE OF "classId", "deckId", "aspects", "kinds", "kind", "openAt" ON "Assignment" BEGIN
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
    AND (json_array_length(NEW."aspects") = 0
      OR EXISTS (SELECT 1 FROM json_each(NEW."aspects") j WHERE j."value" = q."aspect"))
    AND (json_array_length(NEW."kinds") = 0
      OR EXISTS (SELECT 1 FROM json_each(NEW."kinds") j WHERE j."value" = q."kind"))
  ) x
  WHERE x."at" IS NOT NULL
  ON CONFLICT ("assignmentId", "learnerId", "questionId") DO UPDATE SET "at" = excluded."at";
END;

-- The study assignments set before this migration.
INSERT INTO "AssignmentFirstGood" ("assignmentId", "learnerId", "questionId", "at")
SELECT x."assignmentId", x."learnerId", x."questionId", x."at"
FROM (
  SELECT a."id" AS "assignmentId", e."learnerId" AS "learnerId", q."id" AS "questionId",
    (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r
        WHERE r."learnerId" = e."learnerId" AND r."questionId" = q."id"
          AND r."rating" IN (3, 4) AND r."reviewedAt" >= a."openAt") AS "at"
  FROM "Assignment" a, "Enrollment" e, "Question" q
  WHERE e."classId" = a."classId"
    AND a."kind" = 'study' AND q."deckId" = a."deckId"
    AND (json_array_length(a."aspects") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."aspects") j WHERE j."value" = q."aspect"))
    AND (json_array_length(a."kinds") = 0
      OR EXISTS (SELECT 1 FROM json_each(a."kinds") j WHERE j."value" = q."kind"))
) x
WHERE x."at" IS NOT NULL;
