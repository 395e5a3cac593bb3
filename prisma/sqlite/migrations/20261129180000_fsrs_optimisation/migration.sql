-- AlterTable
ALTER TABLE "Learner" ADD COLUMN "fsrsParameters" TEXT;

-- CreateTable
CREATE TABLE "FsrsOptimisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "activeKey" TEXT,
    "status" TEXT NOT NULL,
    "progress" REAL NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "heartbeatAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "outcome" TEXT,
    "reviewCount" INTEGER,
    "parameters" TEXT,
    "logLossBefore" REAL,
    "rmseBefore" REAL,
    "logLossAfter" REAL,
    "rmseAfter" REAL,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "FsrsOptimisation_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "FsrsOptimisation_activeKey_key" ON "FsrsOptimisation"("activeKey");

-- CreateIndex
CREATE INDEX "FsrsOptimisation_status_createdAt_idx" ON "FsrsOptimisation"("status", "createdAt");

-- CreateIndex
CREATE INDEX "FsrsOptimisation_learnerId_createdAt_idx" ON "FsrsOptimisation"("learnerId", "createdAt");

