-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LivePlayer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "gameId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "nicknameKey" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "score" INTEGER NOT NULL DEFAULT 0,
    "streak" INTEGER NOT NULL DEFAULT 0,
    "kickedAt" DATETIME,
    "joinedAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "learnerId" TEXT,
    "reviewsAddedAt" DATETIME,
    CONSTRAINT "LivePlayer_gameId_fkey" FOREIGN KEY ("gameId") REFERENCES "LiveGame" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LivePlayer_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_LivePlayer" ("gameId", "id", "joinedAt", "kickedAt", "lastSeenAt", "nickname", "nicknameKey", "score", "streak", "tokenHash") SELECT "gameId", "id", "joinedAt", "kickedAt", "lastSeenAt", "nickname", "nicknameKey", "score", "streak", "tokenHash" FROM "LivePlayer";
DROP TABLE "LivePlayer";
ALTER TABLE "new_LivePlayer" RENAME TO "LivePlayer";
CREATE UNIQUE INDEX "LivePlayer_tokenHash_key" ON "LivePlayer"("tokenHash");
CREATE INDEX "LivePlayer_learnerId_idx" ON "LivePlayer"("learnerId");
CREATE UNIQUE INDEX "LivePlayer_gameId_nicknameKey_key" ON "LivePlayer"("gameId", "nicknameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

