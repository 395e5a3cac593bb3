-- AlterTable
ALTER TABLE "Deck" ADD COLUMN "deletedAt" DATETIME;

