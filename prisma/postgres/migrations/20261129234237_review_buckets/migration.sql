-- CreateTable
CREATE TABLE "ReviewBucket" (
    "learnerId" TEXT NOT NULL,
    "bucketStart" TIMESTAMP(3) NOT NULL,
    "reviews" INTEGER NOT NULL,
    "youngTotal" INTEGER NOT NULL,
    "youngRecalled" INTEGER NOT NULL,
    "matureTotal" INTEGER NOT NULL,
    "matureRecalled" INTEGER NOT NULL,

    CONSTRAINT "ReviewBucket_pkey" PRIMARY KEY ("learnerId","bucketStart")
);

-- Twins of the SQLite migration's triggers (same names, same effect): ReviewBucket follows
-- ReviewLog in the same statement as each change. The quarter hour is cut from the timestamp
-- (reviewedAt is UTC, as Prisma writes it). Constants as lib/core/stats: state 2 = Review, mature
-- from 21 days of interval, recalled from rating 2 (Hard).
CREATE FUNCTION "ReviewBucket_quarter"(p_at TIMESTAMP(3)) RETURNS TIMESTAMP(3) LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('hour', p_at) + floor(extract(minute FROM p_at) / 15) * interval '15 minutes'
$$;

CREATE FUNCTION "ReviewBucket_add"(p_learner TEXT, p_at TIMESTAMP(3), p_state INTEGER, p_interval INTEGER, p_rating INTEGER)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO "ReviewBucket" AS b ("learnerId", "bucketStart", "reviews", "youngTotal", "youngRecalled", "matureTotal", "matureRecalled")
  VALUES (p_learner, "ReviewBucket_quarter"(p_at), 1,
    CASE WHEN p_state = 2 AND p_interval < 21 THEN 1 ELSE 0 END,
    CASE WHEN p_state = 2 AND p_interval < 21 AND p_rating >= 2 THEN 1 ELSE 0 END,
    CASE WHEN p_state = 2 AND p_interval >= 21 THEN 1 ELSE 0 END,
    CASE WHEN p_state = 2 AND p_interval >= 21 AND p_rating >= 2 THEN 1 ELSE 0 END)
  ON CONFLICT ("learnerId", "bucketStart") DO UPDATE SET
    "reviews" = b."reviews" + 1,
    "youngTotal" = b."youngTotal" + excluded."youngTotal",
    "youngRecalled" = b."youngRecalled" + excluded."youngRecalled",
    "matureTotal" = b."matureTotal" + excluded."matureTotal",
    "matureRecalled" = b."matureRecalled" + excluded."matureRecalled";
$$;

CREATE FUNCTION "ReviewBucket_remove"(p_learner TEXT, p_at TIMESTAMP(3), p_state INTEGER, p_interval INTEGER, p_rating INTEGER)
RETURNS void LANGUAGE sql AS $$
  UPDATE "ReviewBucket" SET
    "reviews" = "reviews" - 1,
    "youngTotal" = "youngTotal" - CASE WHEN p_state = 2 AND p_interval < 21 THEN 1 ELSE 0 END,
    "youngRecalled" = "youngRecalled" - CASE WHEN p_state = 2 AND p_interval < 21 AND p_rating >= 2 THEN 1 ELSE 0 END,
    "matureTotal" = "matureTotal" - CASE WHEN p_state = 2 AND p_interval >= 21 THEN 1 ELSE 0 END,
    "matureRecalled" = "matureRecalled" - CASE WHEN p_state = 2 AND p_interval >= 21 AND p_rating >= 2 THEN 1 ELSE 0 END
  WHERE "learnerId" = p_learner AND "bucketStart" = "ReviewBucket_quarter"(p_at);
  DELETE FROM "ReviewBucket"
  WHERE "learnerId" = p_learner AND "bucketStart" = "ReviewBucket_quarter"(p_at) AND "reviews" = 0;
$$;

CREATE FUNCTION "ReviewBucket_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "ReviewBucket_add"(NEW."learnerId", NEW."reviewedAt", NEW."state", NEW."scheduledDays", NEW."rating");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ReviewBucket_insert" AFTER INSERT ON "ReviewLog"
  FOR EACH ROW EXECUTE FUNCTION "ReviewBucket_insert"();

CREATE FUNCTION "ReviewBucket_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "ReviewBucket_remove"(OLD."learnerId", OLD."reviewedAt", OLD."state", OLD."scheduledDays", OLD."rating");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ReviewBucket_delete" AFTER DELETE ON "ReviewLog"
  FOR EACH ROW EXECUTE FUNCTION "ReviewBucket_delete"();

CREATE FUNCTION "ReviewBucket_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "ReviewBucket_remove"(OLD."learnerId", OLD."reviewedAt", OLD."state", OLD."scheduledDays", OLD."rating");
  PERFORM "ReviewBucket_add"(NEW."learnerId", NEW."reviewedAt", NEW."state", NEW."scheduledDays", NEW."rating");
  RETURN NULL;
END;
$$;
CREATE TRIGGER "ReviewBucket_update" AFTER UPDATE OF "learnerId", "reviewedAt", "state", "scheduledDays", "rating" ON "ReviewLog"
  FOR EACH ROW EXECUTE FUNCTION "ReviewBucket_update"();

-- The answers given before this migration.
INSERT INTO "ReviewBucket" ("learnerId", "bucketStart", "reviews", "youngTotal", "youngRecalled", "matureTotal", "matureRecalled")
SELECT r."learnerId", "ReviewBucket_quarter"(r."reviewedAt"), COUNT(*),
  SUM(CASE WHEN r."state" = 2 AND r."scheduledDays" < 21 THEN 1 ELSE 0 END),
  SUM(CASE WHEN r."state" = 2 AND r."scheduledDays" < 21 AND r."rating" >= 2 THEN 1 ELSE 0 END),
  SUM(CASE WHEN r."state" = 2 AND r."scheduledDays" >= 21 THEN 1 ELSE 0 END),
  SUM(CASE WHEN r."state" = 2 AND r."scheduledDays" >= 21 AND r."rating" >= 2 THEN 1 ELSE 0 END)
FROM "ReviewLog" r
GROUP BY r."learnerId", "ReviewBucket_quarter"(r."reviewedAt");
