import crypto from "node:crypto";
import type { ClassDetails } from "@/lib/core/classes/class-schemas";
import { generateJoinCode, type RandomIndex } from "@/lib/core/classes/join-code";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";

/*
 * A teacher's writes to their classes. Every operation is scoped by `teacherId`: another
 * teacher's class id is the same NotFoundError as an unknown one (the edge answers 404).
 */

const secureRandomIndex: RandomIndex = (size) => crypto.randomInt(size);

/** A clash with another class's code is retried with a fresh one; 31^8 codes make a second rare. */
const JOIN_CODE_TRIES = 5;

function isJoinCodeClash(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function withFreshJoinCode<T>(
  randomIndex: RandomIndex,
  write: (joinCode: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(generateJoinCode(randomIndex));
    } catch (error) {
      if (!isJoinCodeClash(error) || attempt >= JOIN_CODE_TRIES) throw error;
    }
  }
}

function classNotFound(): never {
  throw new NotFoundError("no such class");
}

/** Fails with 404 unless the class exists and `teacherId` teaches it. */
async function assertOwnClass(db: Db, options: { teacherId: string; classId: string }) {
  const found = await db.class.findFirst({
    where: { id: options.classId, teacherId: options.teacherId },
    select: { id: true },
  });
  if (!found) classNotFound();
}

/** Only a user whose role is "teacher" creates classes (the role is read from the database). */
export async function createClass(
  db: Db,
  options: ClassDetails & { teacherId: string; now: Date; randomIndex?: RandomIndex },
): Promise<{ classId: string; joinCode: string }> {
  const teacher = await db.user.findUnique({
    where: { id: options.teacherId },
    select: { role: true },
  });
  if (teacher?.role !== "teacher") throw new ForbiddenError("only a teacher may create classes");
  const created = await withFreshJoinCode(options.randomIndex ?? secureRandomIndex, (joinCode) =>
    db.class.create({
      data: {
        teacherId: options.teacherId,
        name: options.name,
        description: options.description,
        timeZone: options.timeZone,
        joinCode,
        createdAt: options.now,
      },
      select: { id: true, joinCode: true },
    }),
  );
  return { classId: created.id, joinCode: created.joinCode };
}

export async function updateClassDetails(
  db: Db,
  options: ClassDetails & { teacherId: string; classId: string },
): Promise<void> {
  const { count } = await db.class.updateMany({
    where: { id: options.classId, teacherId: options.teacherId },
    data: { name: options.name, description: options.description, timeZone: options.timeZone },
  });
  if (count === 0) classNotFound();
}

/** Archived: off the active list, its code joins nobody; students keep seeing it, marked archived. */
export async function archiveClass(
  db: Db,
  options: { teacherId: string; classId: string; now: Date },
): Promise<void> {
  await assertOwnClass(db, options);
  // Archiving twice keeps the first date.
  await db.class.updateMany({
    where: { id: options.classId, teacherId: options.teacherId, archivedAt: null },
    data: { archivedAt: options.now },
  });
}

export async function unarchiveClass(
  db: Db,
  options: { teacherId: string; classId: string },
): Promise<void> {
  const { count } = await db.class.updateMany({
    where: { id: options.classId, teacherId: options.teacherId },
    data: { archivedAt: null },
  });
  if (count === 0) classNotFound();
}

/**
 * Deletes the class and its enrolments. Students' own progress (cards, review logs, practice
 * tests, interviews) belongs to their learner, not to the class, and stays as it is.
 */
export async function deleteClass(
  db: Db,
  options: { teacherId: string; classId: string },
): Promise<void> {
  const { count } = await db.class.deleteMany({
    where: { id: options.classId, teacherId: options.teacherId },
  });
  if (count === 0) classNotFound();
}

/** A new code; the old one stops working at once. Students already in stay in. */
export async function regenerateJoinCode(
  db: Db,
  options: { teacherId: string; classId: string; randomIndex?: RandomIndex },
): Promise<{ joinCode: string }> {
  await assertOwnClass(db, options);
  return withFreshJoinCode(options.randomIndex ?? secureRandomIndex, async (joinCode) => {
    const { count } = await db.class.updateMany({
      where: { id: options.classId, teacherId: options.teacherId },
      data: { joinCode },
    });
    if (count === 0) classNotFound();
    return { joinCode };
  });
}

export async function setJoiningOpen(
  db: Db,
  options: { teacherId: string; classId: string; open: boolean },
): Promise<void> {
  const { count } = await db.class.updateMany({
    where: { id: options.classId, teacherId: options.teacherId },
    data: { joiningOpen: options.open },
  });
  if (count === 0) classNotFound();
}

/**
 * Takes a student off the roster. As in Google Classroom they may come back with the code while
 * joining is open; the teacher regenerates the code or closes joining to keep them out.
 */
export async function removeStudent(
  db: Db,
  options: { teacherId: string; classId: string; enrollmentId: string },
): Promise<void> {
  const { count } = await db.enrollment.deleteMany({
    where: {
      id: options.enrollmentId,
      classId: options.classId,
      class: { teacherId: options.teacherId },
    },
  });
  if (count === 0) throw new NotFoundError("no such student in this class");
}
