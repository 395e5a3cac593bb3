import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/server/db";

/**
 * The study goal's first Good or Easy answers computed straight from the answer log, as the
 * class progress did before AssignmentFirstGood: every study assignment of the class, every
 * enrolled student, every active in-scope question, the first answer rated Good or Easy since
 * the opening. The triggers that keep AssignmentFirstGood must always agree with it.
 */
export async function firstGoodFromLog(
  db: Db,
  classId: string,
): Promise<{ assignmentId: string; learnerId: string; questionId: string; at: string }[]> {
  const rows = await db.$queryRaw<
    {
      assignmentId: string;
      learnerId: string;
      questionId: string;
      at: unknown;
      aspects: string;
      kinds: string;
      aspect: string;
      kind: string;
    }[]
  >(Prisma.sql`SELECT * FROM (
      SELECT a."id" AS "assignmentId", e."learnerId" AS "learnerId", q."id" AS "questionId",
        (SELECT MIN(r."reviewedAt") FROM "ReviewLog" r
          WHERE r."learnerId" = e."learnerId" AND r."questionId" = q."id"
            AND r."rating" >= 3 AND r."reviewedAt" >= a."openAt") AS "at",
        a."aspects" AS "aspects", a."kinds" AS "kinds", q."aspect" AS "aspect", q."kind" AS "kind"
      FROM "Assignment" a
      JOIN "Enrollment" e ON e."classId" = a."classId"
      JOIN "Question" q ON q."deckId" = a."deckId" AND q."retiredAt" IS NULL
      WHERE a."classId" = ${classId} AND a."kind" = 'study'
    ) x WHERE x."at" IS NOT NULL`);
  const within = (list: string, value: string) => {
    const values = JSON.parse(list) as string[];
    return values.length === 0 || values.includes(value);
  };
  return rows
    .filter((row) => within(row.aspects, row.aspect) && within(row.kinds, row.kind))
    .map((row) => ({
      assignmentId: row.assignmentId,
      learnerId: row.learnerId,
      questionId: row.questionId,
      at: new Date(String(row.at)).toISOString(),
    }));
}
