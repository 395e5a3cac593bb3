-- CreateTable
CREATE TABLE "DeckShare" (
    "deckId" TEXT NOT NULL,
    "classId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("deckId", "classId"),
    CONSTRAINT "DeckShare_deckId_fkey" FOREIGN KEY ("deckId") REFERENCES "Deck" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DeckShare_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "sourcePath" TEXT NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "sourceMarkdown" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "contentVersion" INTEGER NOT NULL DEFAULT 1,
    "ownerId" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "editedAt" DATETIME,
    "editAdded" INTEGER,
    "editChanged" INTEGER,
    "editRetired" INTEGER,
    CONSTRAINT "Deck_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Deck" ("contentVersion", "createdAt", "id", "language", "sourceHash", "sourceMarkdown", "sourcePath", "summary", "title", "updatedAt") SELECT "contentVersion", "createdAt", "id", "language", "sourceHash", "sourceMarkdown", "sourcePath", "summary", "title", "updatedAt" FROM "Deck";
DROP TABLE "Deck";
ALTER TABLE "new_Deck" RENAME TO "Deck";
CREATE INDEX "Deck_ownerId_idx" ON "Deck"("ownerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DeckShare_classId_idx" ON "DeckShare"("classId");

