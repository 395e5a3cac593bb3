import { decideJoin } from "@/lib/core/classes/joining";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { ConflictError, DomainError, NotFoundError } from "../errors";
import { consumeRateLimits } from "../rate-limits/consume-rate-limits";
import { RATE_LIMITS } from "../rate-limits/limits";
import { teacherName } from "./class-queries";

/*
 * A student's side of a class: finding it by its code, joining, leaving. Codes are looked up
 * only through `lookUpJoinCode`, which counts every code that matches no class against the
 * client's address (RATE_LIMITS.joinCodeAttemptsPerAddress).
 */

export interface Joiner {
  /** The signed-in account, or null for a guest. */
  userId: string | null;
  /** The joiner's learner when they have one already (a first-time visitor has none). */
  learnerId: string | null;
}

export interface JoinPreview {
  classId: string;
  name: string;
  description: string | null;
  teacherName: string;
  alreadyMember: boolean;
}

const joinableSelect = {
  id: true,
  name: true,
  description: true,
  teacherId: true,
  joiningOpen: true,
  archivedAt: true,
  teacher: { select: { name: true, email: true } },
} as const;

/**
 * The class a code names. Counted first and taken back once the code matched a class: only
 * wrong codes use up the limit, yet a burst of concurrent guesses sees itself and is refused,
 * and an address over the limit learns nothing, not even about a right code.
 */
async function lookUpJoinCode(db: Db, options: { code: string; address: string; now: Date }) {
  const counted = await consumeRateLimits(db, {
    checks: [{ limit: RATE_LIMITS.joinCodeAttemptsPerAddress, key: options.address }],
    now: options.now,
  });
  const found = await db.class.findUnique({
    where: { joinCode: options.code },
    select: joinableSelect,
  });
  if (!found) throw new NotFoundError("no class has this join code");
  await db.rateLimitEvent.deleteMany({ where: { id: { in: counted } } });
  return found;
}

async function decide(db: Db, found: Awaited<ReturnType<typeof lookUpJoinCode>>, joiner: Joiner) {
  const membership = joiner.learnerId
    ? await db.enrollment.findUnique({
        where: { classId_learnerId: { classId: found.id, learnerId: joiner.learnerId } },
        select: { id: true },
      })
    : null;
  const decision = decideJoin({
    isTeacher: joiner.userId !== null && joiner.userId === found.teacherId,
    alreadyMember: membership !== null,
    archived: found.archivedAt !== null,
    joiningOpen: found.joiningOpen,
  });
  if (decision.kind === "refused") {
    throw new ConflictError(REFUSALS[decision.reason], decision.reason);
  }
  return decision;
}

const REFUSALS = {
  own_class: "you teach this class; students join it with this code",
  class_archived: "this class is archived and takes no new students",
  joining_closed: "the teacher has closed joining for this class",
} as const;

/**
 * What a join code leads to, for the confirmation page: the class name, its teacher, and whether
 * the joiner is in already. A wrong code is a 404, a class that takes nobody a 409 naming why.
 */
export async function findClassByJoinCode(
  db: Db,
  options: { code: string; address: string; now: Date; joiner: Joiner },
): Promise<JoinPreview> {
  const found = await lookUpJoinCode(db, options);
  const decision = await decide(db, found, options.joiner);
  return {
    classId: found.id,
    name: found.name,
    description: found.description,
    teacherName: teacherName(found.teacher),
    alreadyMember: decision.kind === "already-member",
  };
}

/**
 * Enrols the learner in the class the code names. Joining twice does nothing (the first
 * enrolment and its name stand). A guest must give the name the teacher will see them under.
 */
export async function joinClass(
  db: Db,
  options: {
    code: string;
    address: string;
    now: Date;
    userId: string | null;
    learnerId: string;
    displayName?: string;
  },
): Promise<{ classId: string; alreadyMember: boolean }> {
  if (options.userId === null && !options.displayName) {
    throw new DomainError("a guest joins under a name", 400, "student_name_required");
  }
  const found = await lookUpJoinCode(db, options);
  const decision = await decide(db, found, options);
  if (decision.kind === "already-member") return { classId: found.id, alreadyMember: true };
  try {
    await db.enrollment.create({
      data: {
        classId: found.id,
        learnerId: options.learnerId,
        displayName: options.displayName ?? null,
        joinedAt: options.now,
      },
    });
  } catch (error) {
    // A double click: the other request enrolled them a moment ago.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { classId: found.id, alreadyMember: true };
    }
    throw error;
  }
  return { classId: found.id, alreadyMember: false };
}

/** The student leaves; their progress stays theirs. Leaving a class one is not in is a 404. */
export async function leaveClass(
  db: Db,
  options: { learnerId: string; classId: string },
): Promise<void> {
  const { count } = await db.enrollment.deleteMany({
    where: { classId: options.classId, learnerId: options.learnerId },
  });
  if (count === 0) throw new NotFoundError("no such class");
}
