-- DropIndex
DROP INDEX "ReviewLog_learnerId_questionId_rating_idx";

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "deckId" TEXT NOT NULL,
    "aspects" TEXT NOT NULL,
    "kinds" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "questionCount" INTEGER,
    "passMark" INTEGER,
    "openAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Assignment_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Assignment_classId_dueAt_idx" ON "Assignment"("classId", "dueAt");

-- CreateIndex
CREATE INDEX "ReviewLog_learnerId_questionId_rating_reviewedAt_idx" ON "ReviewLog"("learnerId", "questionId", "rating", "reviewedAt");

