import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A portable SQL expression for "how many of these ascending bounds are ≤ column", i.e. the index
 * of the bucket the value falls in. It is a binary search of nested CASEs, so each row costs
 * about log2(bounds) comparisons, and every comparison is column-against-parameter: the
 * parameter takes the column's type on PostgreSQL as on SQLite, with no date functions.
 *
 * Day buckets use it with the study-day starts computed in lib/core (04:00 in the learner's time
 * zone, DST included): SQL date arithmetic differs between databases, and SQLite here stores
 * DateTime as text, so the day boundaries are computed in TypeScript and only compared in SQL.
 */
export function bucketIndexSql(column: Prisma.Sql, bounds: readonly (Date | number)[]): Prisma.Sql {
  const rank = (lo: number, hi: number): Prisma.Sql => {
    if (lo === hi) return Prisma.raw(String(lo));
    const mid = (lo + hi) >> 1;
    return Prisma.sql`CASE WHEN ${column} < ${bounds[mid]} THEN ${rank(lo, mid)} ELSE ${rank(mid + 1, hi)} END`;
  };
  return rank(0, bounds.length);
}
