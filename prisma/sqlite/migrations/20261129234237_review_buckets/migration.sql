-- CreateTable
CREATE TABLE "ReviewBucket" (
    "learnerId" TEXT NOT NULL,
    "bucketStart" DATETIME NOT NULL,
    "reviews" INTEGER NOT NULL,
    "youngTotal" INTEGER NOT NULL,
    "youngRecalled" INTEGER NOT NULL,
    "matureTotal" INTEGER NOT NULL,
    "matureRecalled" INTEGER NOT NULL,

    PRIMARY KEY ("learnerId", "bucketStart")
);

-- ReviewBucket follows ReviewLog in the same statement as each change: an answer adds itself to
-- its learner's quarter hour, a removed one takes itself out (an emptied bucket goes), a changed
-- one does both. reviewedAt is ISO text as Prisma writes it,
-- 'YYYY-MM-DDTHH:MM:SS.sss+00:00', so the quarter hour is cut from the text. Constants as lib/core/stats: state
-- 2 = Review, mature from 21 days of interval, recalled from rating 2 (Hard).
CREATE TRIGGER "ReviewBucket_insert" AFTER INSERT ON "ReviewLog" BEGIN
  INSERT INTO "ReviewBucket" ("learnerId", "bucketStart", "reviews", "youngTotal", "youngRecalled", "matureTotal", "matureRecalled")
  VALUES (NEW."learnerId", substr(NEW."reviewedAt", 1, 14) || CASE WHEN substr(NEW."reviewedAt", 15, 2) < '15' THEN '00'
    WHEN substr(NEW."reviewedAt", 15, 2) < '30' THEN '15' WHEN substr(NEW."reviewedAt", 15, 2) < '45' THEN '30'
    ELSE '45' END || ':00.000+00:00', 1,
    CASE WHEN NEW."state" = 2 AND NEW."scheduledDays" < 21 THEN 1 ELSE 0 END,
    CASE WHEN NEW."state" = 2 AND NEW."scheduledDays" < 21 AND NEW."rating" >= 2 THEN 1 ELSE 0 END,
    CASE WHEN NEW."state" = 2 AND NEW."scheduledDays" >= 21 THEN 1 ELSE 0 END,
    CASE WHEN NEW."state" = 2 AND NEW."scheduledDays" >= 21 AND NEW."rating" >= 2 THEN 1 ELSE 0 END)
  ON CONFLICT ("learnerId", "bucketStart") DO UPDATE SET
    "reviews" = "reviews" + 1,
    "youngTotal" = "youngTotal" + excluded."youngTotal",
    "youngRecalled" = "youngRecalled" + excluded."youngRecalled",
    "matureTotal" = "matureTotal" + excluded."matureTotal",
    "matureRecalled" = "matureRecalled" + excluded."matureRecalled";
END;

CREATE TRIGGER "ReviewBucket_delete" AFTER DELETE ON "ReviewLog" BEGIN
  UPDATE "ReviewBucket" SET
    "reviews" = "reviews" - 1,
    "youngTotal" = "youngTotal" - CASE WHEN OLD."state" = 2 AND OLD."scheduledDays" < 21 THEN 1 ELSE 0 END,
    "youngRecalled" = "youngRecalled" - CASE WHEN OLD."state" = 2 AND OLD."scheduledDays" < 21 AND OLD."rating" >= 2 THEN 1 ELSE 0 END,
    "matureTotal" = "matureTotal" - CASE WHEN OLD."state" = 2 AND OLD."scheduledDays" >= 21 THEN 1 ELSE 0 END,
    "matureRecalled" = "matureRecalled" - CASE WHEN OLD."state" = 2 AND OLD."scheduledDays" >= 21 AND OLD."rating" >= 2 THEN 1 ELSE 0 END
  WHERE "learnerId" = OLD."learnerId" AND "bucketStart" = substr(OLD."reviewedAt", 1, 14) || CASE WHEN substr(OLD."reviewedAt", 15, 2) < '15' THEN '00'
    WHEN substr(OLD."reviewedAt", 15, 2) < '30' THEN '15' WHEN substr(OLD."reviewedAt", 15, 2) < '45' THEN '30'
    ELSE '45' END || ':00.000+00:00';
  DELETE FROM "ReviewBucket"
  WHERE "learnerId" = OLD."learnerId" AND "bucketStart" = substr(OLD."reviewedAt", 1, 14) || CASE WHEN substr(OLD."reviewedAt", 15, 2) < '15' THEN '00'
    WHEN substr(OLD."reviewedAt", 15, 2) < '30' THEN '15' WHEN substr(OLD."reviewedAt", 15, 2) < '45' THEN '30'
    ELSE '45' END || ':00.000+00:00' AND "reviews" = 0;
END;

CREATE TRIGGER "ReviewBucket_update" AFTER UPDATE OF "learnerId", "reviewedAt", "state", "scheduledDays", "rating" ON "ReviewLog" BEGIN
  UPDATE "ReviewBucket" SET
    "reviews" = "reviews" - 1,
    "youngTotal" = "youngTotal" - CASE WHEN OLD."state" = 2 AND OLD."scheduledDays" < 21 THEN 1 ELSE 0 END,
    "youngRecalled" = "youngRecalled" - CASE WHEN OLD."state" = 2 AND OLD."scheduledDays" < 21 AND OLD."rating" >= 2 THEN 1 ELSE 0 END,
    "matureTotal" = "matureTotal" - CASE WHEN OLD."state" = 2 AND OLD."scheduledDays" >= 21 THEN 1 ELSE 0 END,
    "matureRecalled" = "matureRecalled" - CASE WHEN OLD."state" = 2 AND OLD."scheduledDays" >= 21 AND OLD."rating" >= 2 THEN 1 ELSE 0 END
  WHERE "learnerId" = OLD."learnerId" AND "bucketStart" = substr(OLD."reviewedAt", 1, 14) || CASE WHEN substr(OLD."reviewedAt", 15, 2) < '15' THEN '00'
    WHEN substr(OLD."reviewedAt", 15, 2) < '30' THEN '15' WHEN substr(OLD."reviewedAt", 15, 2) < '45' THEN '30'
    ELSE '45' END || ':00.000+00:00';
  DELETE FROM "ReviewBucket"
  WHERE "learnerId" = OLD."learnerId" AND "bucketStart" = substr(OLD."reviewedAt", 1, 14) || CASE WHEN substr(OLD."reviewedAt", 15, 2) < '15' THEN '00'
    WHEN substr(OLD."reviewedAt", 15, 2) < '30' THEN '15' WHEN substr(OLD."reviewedAt", 15, 2) < '45' THEN '30'
    ELSE '45' END || ':00.000+00:00' AND "reviews" = 0;
  INSERT INTO "ReviewBucket" ("learnerId", "bucketStart", "reviews", "youngTotal", "youngRecalled", "matureTotal", "matureRecalled")
  VALUES (NEW."learnerId", substr(NEW."reviewedAt", 1, 14) || CASE WHEN substr(NEW."reviewedAt", 15, 2) < '15' THEN '00'
    WHEN substr(NEW."reviewedAt", 15, 2) < '30' THEN '15' WHEN substr(NEW."reviewedAt", 15, 2) < '45' THEN '30'
    ELSE '45' END || ':00.000+00:00', 1,
    CASE WHEN NEW."state" = 2 AND NEW."scheduledDays" < 21 THEN 1 ELSE 0 END,
    CASE WHEN NEW."state" = 2 AND NEW."scheduledDays" < 21 AND NEW."rating" >= 2 THEN 1 ELSE 0 END,
    CASE WHEN NEW."state" = 2 AND NEW."scheduledDays" >= 21 THEN 1 ELSE 0 END,
    CASE WHEN NEW."state" = 2 AND NEW."scheduledDays" >= 21 AND NEW."rating" >= 2 THEN 1 ELSE 0 END)
  ON CONFLICT ("learnerId", "bucketStart") DO UPDATE SET
    "reviews" = "reviews" + 1,
    "youngTotal" = "youngTotal" + excluded."youngTotal",
    "youngRecalled" = "youngRecalled" + excluded."youngRecalled",
    "matureTotal" = "matureTotal" + excluded."matureTotal",
    "matureRecalled" = "matureRecalled" + excluded."matureRecalled";
END;

-- The answers given before this migration.
INSERT INTO "ReviewBucket" ("learnerId", "bucketStart", "reviews", "youngTotal", "youngRecalled", "matureTotal", "matureRecalled")
SELECT r."learnerId", substr(r."reviewedAt", 1, 14) || CASE WHEN substr(r."reviewedAt", 15, 2) < '15' THEN '00'
    WHEN substr(r."reviewedAt", 15, 2) < '30' THEN '15' WHEN substr(r."reviewedAt", 15, 2) < '45' THEN '30'
    ELSE '45' END || ':00.000+00:00', COUNT(*),
  SUM(CASE WHEN r."state" = 2 AND r."scheduledDays" < 21 THEN 1 ELSE 0 END),
  SUM(CASE WHEN r."state" = 2 AND r."scheduledDays" < 21 AND r."rating" >= 2 THEN 1 ELSE 0 END),
  SUM(CASE WHEN r."state" = 2 AND r."scheduledDays" >= 21 THEN 1 ELSE 0 END),
  SUM(CASE WHEN r."state" = 2 AND r."scheduledDays" >= 21 AND r."rating" >= 2 THEN 1 ELSE 0 END)
FROM "ReviewLog" r
GROUP BY r."learnerId", substr(r."reviewedAt", 1, 14) || CASE WHEN substr(r."reviewedAt", 15, 2) < '15' THEN '00'
    WHEN substr(r."reviewedAt", 15, 2) < '30' THEN '15' WHEN substr(r."reviewedAt", 15, 2) < '45' THEN '30'
    ELSE '45' END || ':00.000+00:00';
