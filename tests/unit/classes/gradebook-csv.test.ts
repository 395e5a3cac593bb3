import { describe, expect, it } from "vitest";
import {
  buildGradebookCsv,
  deriveClassProgress,
  encodeCsv,
  protectCsvText,
  type ClassStudent,
} from "@/lib/core/classes";
import { DECK, activity, at, attempt, good, makeAssignment } from "./class-fixtures";

/**
 * An RFC 4180 reader written for the test, apart from the writer: fields separated by the
 * delimiter, records by CRLF, quoted fields may hold delimiters, CRLF and doubled quotes.
 */
function parseCsv(text: string, delimiter = ","): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') {
      if (field !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (char === delimiter) {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 1;
    } else if (char === "\r" || char === "\n") {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else field += char;
  }
  if (quoted) throw new Error("unclosed quote");
  if (field !== "" || record.length > 0) throw new Error("last record has no CRLF");
  return records;
}

describe("CSV cells", () => {
  it("makes formulas inert with a leading apostrophe (OWASP), and leaves other text alone", () => {
    for (const dangerous of [
      '=HYPERLINK("http://evil","click")',
      "+7 999 000-00-00",
      "-2+3",
      "@SUM(A1:A9)",
      "\t=1+1",
      "\r=1+1",
      "  =1+1",
    ]) {
      expect(protectCsvText(dangerous)).toBe(`'${dangerous}`);
    }
    for (const safe of ["Анна Петрова", "O'Brien", "a=b", "1+1", ""]) {
      expect(protectCsvText(safe)).toBe(safe);
    }
  });

  it("round-trips commas, quotes, line breaks and Cyrillic; numbers stay bare", () => {
    const rows = [
      ["Имя", "Note", "Score"],
      ['Пётр "Петя" Иванов', "line one\r\nline two\nthree", 87],
      ["Smith, John", "=1+1", 0],
      ["Ёжик", null, 100],
    ];
    for (const delimiter of [",", ";"] as const) {
      const csv = encodeCsv(rows, delimiter);
      expect(csv.startsWith("\uFEFF")).toBe(true);
      expect(csv.endsWith("\r\n")).toBe(true);
      expect(csv).toContain(`${delimiter}87\r\n`);
      expect(parseCsv(csv.slice(1), delimiter)).toEqual([
        ["Имя", "Note", "Score"],
        ['Пётр "Петя" Иванов', "line one\r\nline two\nthree", "87"],
        ["Smith, John", "'=1+1", "0"],
        ["Ёжик", "", "100"],
      ]);
    }
    // UTF-8 bytes: the BOM is EF BB BF and Cyrillic survives encoding.
    const bytes = new TextEncoder().encode(encodeCsv([["Ёжик"]]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe('\uFEFF"Ёжик"\r\n');
  });
});

describe("gradebook", () => {
  const study = makeAssignment({ title: "Сеть, изоляция" });
  const test = makeAssignment({
    id: "test-1",
    title: '=Test "1"',
    scope: { deckId: DECK.deckId, aspects: [], kinds: [] },
    task: { kind: "practice", questionCount: 5, passMark: 80 },
  });
  const next = makeAssignment({
    id: "next",
    title: "Next week",
    openAt: at("2025-03-20T08:00:00Z"),
    dueAt: at("2025-03-27T08:00:00Z"),
  });
  const assignments = [study, test, next];
  const students: ClassStudent[] = [
    {
      learnerId: "s1",
      name: "Смирнова, Анна",
      joinedAt: at("2025-03-01T09:15:00Z"),
      lastActiveAt: at("2025-03-11T18:00:00Z"),
    },
    {
      learnerId: "s2",
      name: '-Боб "bobby"\nTables',
      joinedAt: at("2025-03-02T10:00:00Z"),
      lastActiveAt: null,
    },
    {
      learnerId: "s3",
      name: "Алексей",
      joinedAt: at("2025-03-02T10:00:00Z"),
      lastActiveAt: at("2025-03-05T10:00:00Z"),
    },
  ];
  const now = at("2025-03-12T12:00:00Z");
  const work = activity({
    firstGoodAnswers: [
      ...["n1", "n2", "n3", "i1"].map((q) => good(q, "2025-03-04T09:00:00Z", "s1")),
      // The last question on 11 March: after the due date.
      good("i2", "2025-03-11T09:00:00Z", "s1"),
      good("n1", "2025-03-04T09:00:00Z", "s3"),
      good("n2", "2025-03-04T09:00:00Z", "s3"),
    ],
    practiceAttempts: [
      attempt({ learnerId: "s1", correct: 4 }),
      attempt({ learnerId: "s3", correct: 3 }),
    ],
  });
  const progress = deriveClassProgress({
    assignments,
    decks: [DECK],
    learnerIds: students.map((s) => s.learnerId),
    activity: work,
    now,
  });

  it("has one row per student, a number and a status column per assignment", () => {
    const csv = buildGradebookCsv({
      students,
      assignments,
      progress,
      now,
      locale: "ru",
      timeZone: "Europe/Moscow",
    });
    expect(parseCsv(csv.slice(1))).toEqual([
      [
        "Ученик",
        "В классе с",
        "Последняя активность",
        "Выполнено заданий",
        "Выдано заданий",
        "Сеть, изоляция (%)",
        "Сеть, изоляция (статус)",
        `'=Test "1" (%)`,
        `'=Test "1" (статус)`,
        "Next week (%)",
        "Next week (статус)",
      ],
      // By name in Russian order; the dangerous name is made inert, its line break kept.
      [
        '\'-Боб "bobby"\nTables',
        "2025-03-02 13:00",
        "",
        "0",
        "2",
        "0",
        "просрочено",
        "",
        "просрочено",
        "",
        "ещё не открыто",
      ],
      [
        "Алексей",
        "2025-03-02 13:00",
        "2025-03-05 13:00",
        "0",
        "2",
        "40",
        "просрочено",
        "60",
        "просрочено",
        "",
        "ещё не открыто",
      ],
      [
        "Смирнова, Анна",
        "2025-03-01 12:15",
        "2025-03-11 21:00",
        "2",
        "2",
        "100",
        "выполнено с опозданием",
        "80",
        "выполнено",
        "",
        "ещё не открыто",
      ],
    ]);
  });

  it("says 'not passed' for a test below the mark while there is time, in English too", () => {
    const beforeDue = at("2025-03-06T12:00:00Z");
    const csv = buildGradebookCsv({
      students: students.slice(2),
      assignments: [test],
      progress: deriveClassProgress({
        assignments: [test],
        decks: [DECK],
        learnerIds: ["s3"],
        activity: work,
        now: beforeDue,
      }),
      now: beforeDue,
      locale: "en",
      timeZone: "UTC",
      delimiter: ";",
    });
    expect(parseCsv(csv.slice(1), ";")).toEqual([
      [
        "Student",
        "Joined",
        "Last active",
        "Assignments done",
        "Assignments open",
        `'=Test "1" (%)`,
        `'=Test "1" (status)`,
      ],
      ["Алексей", "2025-03-02 10:00", "2025-03-05 10:00", "0", "1", "60", "not passed"],
    ]);
  });
});
