import type { Locale } from "@/lib/i18n/locales";
import { readWallTime } from "@/lib/core/time/wall-time";
import type { Assignment } from "./assignment";
import { indexProgress, summarizeRoster, type ClassStudent } from "./class-dashboard";
import type { AssignmentProgress } from "./derive-progress";

/*
 * The gradebook as a CSV a teacher opens in LibreOffice or Excel: UTF-8 with a byte-order mark
 * (so Excel reads Cyrillic names as UTF-8), CRLF line ends and RFC 4180 quoting. One row per
 * student; per assignment two columns, so a spreadsheet sorts each on its own:
 *   "<title> (%)"      a bare whole number 0–100: the best score of a practice test, otherwise
 *                      the progress; empty when there is nothing to score yet (no counted
 *                      test, or the assignment has not opened);
 *   "<title> (status)" done / late / overdue / not passed / in progress / not started /
 *                      not open yet.
 * Comma-separated by default; `delimiter: ";"` suits Excel set to a locale that lists with
 * semicolons (Russian), where a comma file opens as one column.
 */

export type CsvCell = string | number | null;

// OWASP's CSV-injection list: a cell starting with these is a formula to a spreadsheet.
const FORMULA_START = /^[=+\-@\t\r\n]/;

/**
 * Text from users (names, titles) made inert: a leading apostrophe when it would start a
 * formula, also after leading spaces (some spreadsheets trim them). Spreadsheets hide the
 * apostrophe and show the text.
 */
export function protectCsvText(text: string): string {
  return FORMULA_START.test(text) || FORMULA_START.test(text.trimStart()) ? `'${text}` : text;
}

/** One field: numbers bare, text protected and always quoted, quotes doubled. */
export function encodeCsvField(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  return `"${protectCsvText(cell).replace(/"/g, '""')}"`;
}

/** The whole file: BOM, rows joined by CRLF, a CRLF after the last row too. */
export function encodeCsv(
  rows: readonly (readonly CsvCell[])[],
  delimiter: "," | ";" = ",",
): string {
  return `\uFEFF${rows.map((row) => row.map(encodeCsvField).join(delimiter) + "\r\n").join("")}`;
}

export type GradebookStatus =
  "done" | "late" | "overdue" | "not-passed" | "in-progress" | "not-started" | "upcoming";

const LABELS: Record<
  Locale,
  {
    student: string;
    joined: string;
    lastActive: string;
    done: string;
    assigned: string;
    percent: string;
    status: string;
    statuses: Record<GradebookStatus, string>;
  }
> = {
  en: {
    student: "Student",
    joined: "Joined",
    lastActive: "Last active",
    done: "Assignments done",
    assigned: "Assignments open",
    percent: "%",
    status: "status",
    statuses: {
      done: "done",
      late: "done late",
      overdue: "overdue",
      "not-passed": "not passed",
      "in-progress": "in progress",
      "not-started": "not started",
      upcoming: "not open yet",
    },
  },
  ru: {
    student: "Ученик",
    joined: "В классе с",
    lastActive: "Последняя активность",
    done: "Выполнено заданий",
    assigned: "Выдано заданий",
    percent: "%",
    status: "статус",
    statuses: {
      done: "выполнено",
      late: "выполнено с опозданием",
      overdue: "просрочено",
      "not-passed": "не сдано",
      "in-progress": "в процессе",
      "not-started": "не начато",
      upcoming: "ещё не открыто",
    },
  },
};

/** One word for the state of a cell; the first that applies, in the order of the type. */
export function findGradebookStatus(progress: AssignmentProgress): GradebookStatus {
  if (progress.done) return progress.late ? "late" : "done";
  if (progress.phase === "upcoming") return "upcoming";
  if (progress.overdue) return "overdue";
  if (progress.passed === false) return "not-passed";
  return progress.progress > 0 ? "in-progress" : "not-started";
}

/** Whole percent for the number column; null leaves the cell empty. */
export function findGradebookPercent(progress: AssignmentProgress): number | null {
  if (progress.phase === "upcoming" && !progress.done) return null;
  if (progress.kind === "practice") return progress.best?.percent ?? null;
  return Math.round(progress.progress * 100);
}

/** "2025-03-30 03:30" in the zone: sorts as text and is read as a date by both spreadsheets. */
function formatLocal(instant: Date | null, timeZone: string): string | null {
  if (!instant) return null;
  const wall = readWallTime(instant.getTime(), timeZone);
  const pad = (value: number, width = 2) => String(value).padStart(width, "0");
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The gradebook rows (header first), before encoding: what the CSV holds, cell by cell. */
export function buildGradebookRows(input: {
  students: readonly ClassStudent[];
  /** In the order the teacher sees them (columns follow it). */
  assignments: readonly Assignment[];
  progress: readonly AssignmentProgress[];
  now: Date;
  locale: Locale;
  /** The class's zone, for the dates. */
  timeZone: string;
}): CsvCell[][] {
  const labels = LABELS[input.locale];
  const find = indexProgress(input.progress);
  const header: CsvCell[] = [
    labels.student,
    labels.joined,
    labels.lastActive,
    labels.done,
    labels.assigned,
    ...input.assignments.flatMap((assignment) => [
      `${assignment.title} (${labels.percent})`,
      `${assignment.title} (${labels.status})`,
    ]),
  ];
  const roster = summarizeRoster(input);
  return [
    header,
    ...roster.map((student): CsvCell[] => [
      student.name,
      formatLocal(student.joinedAt, input.timeZone),
      formatLocal(student.lastActiveAt, input.timeZone),
      student.done,
      student.assigned,
      ...input.assignments.flatMap((assignment): CsvCell[] => {
        const progress = find(student.learnerId, assignment.id);
        if (!progress) return [null, null];
        return [findGradebookPercent(progress), labels.statuses[findGradebookStatus(progress)]];
      }),
    ]),
  ];
}

/** The gradebook file; students in alphabetical order of the locale. */
export function buildGradebookCsv(
  input: Parameters<typeof buildGradebookRows>[0] & { delimiter?: "," | ";" },
): string {
  return encodeCsv(buildGradebookRows(input), input.delimiter);
}
