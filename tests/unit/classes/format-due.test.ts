import { describe, expect, it } from "vitest";
import { describeDue, formatDueAbsolute } from "@/lib/core/classes";

const NOW = new Date("2025-03-27T10:00:00Z");
const text = (dueIso: string, locale: "ru" | "en", timeZone = "UTC") =>
  describeDue(new Date(dueIso), NOW, locale, timeZone).text;

describe("due date, relative", () => {
  it("upcoming: minutes, then hours (rounded down), then calendar days", () => {
    expect(text("2025-03-27T10:00:20Z", "en")).toBe("due this minute");
    expect(text("2025-03-27T10:45:00Z", "en")).toBe("due in 45 minutes");
    expect(text("2025-03-27T10:45:00Z", "ru")).toBe("сдать через 45 минут");
    expect(text("2025-03-27T12:59:00Z", "en")).toBe("due in 2 hours");
    expect(text("2025-03-27T12:59:00Z", "ru")).toBe("сдать через 2 часа");
    expect(text("2025-03-28T11:00:00Z", "en")).toBe("due tomorrow");
    expect(text("2025-03-28T11:00:00Z", "ru")).toBe("сдать завтра");
    expect(text("2025-03-30T11:00:00Z", "en")).toBe("due in 3 days");
    expect(text("2025-03-30T11:00:00Z", "ru")).toBe("сдать через 3 дня");
  });

  it("overdue: how long ago, in the reader's language", () => {
    expect(text("2025-03-27T09:59:50Z", "en")).toBe("1 minute overdue");
    expect(text("2025-03-27T09:59:50Z", "ru")).toBe("срок истёк 1 минуту назад");
    expect(text("2025-03-27T08:00:00Z", "en")).toBe("2 hours overdue");
    expect(text("2025-03-27T08:00:00Z", "ru")).toBe("срок истёк 2 часа назад");
    expect(text("2025-03-26T08:00:00Z", "en")).toBe("1 day overdue");
    expect(text("2025-03-26T08:00:00Z", "ru")).toBe("срок истёк вчера");
    expect(text("2025-03-22T08:00:00Z", "en")).toBe("5 days overdue");
    expect(text("2025-03-22T08:00:00Z", "ru")).toBe("срок истёк 5 дней назад");
    expect(describeDue(new Date("2025-03-22T08:00:00Z"), NOW, "en", "UTC")).toMatchObject({
      overdue: true,
      amount: 5,
      unit: "day",
    });
  });

  it("counts days on the student's calendar, across a DST change", () => {
    // 36 hours ahead: the day after tomorrow in Tokyo (UTC+9), tomorrow in Honolulu (UTC−10).
    const due = "2025-03-28T22:00:00Z";
    expect(text(due, "en", "Asia/Tokyo")).toBe("due in 2 days");
    expect(text(due, "en", "Pacific/Honolulu")).toBe("due tomorrow");
    // Berlin springs forward on 30 March: 02:30 local on the 31st is still 4 calendar days on.
    expect(text("2025-03-31T00:30:00Z", "en", "Europe/Berlin")).toBe("due in 4 days");
  });
});

describe("due date, absolute", () => {
  it("is shown in the student's own zone", () => {
    // 01:30Z on the Berlin spring-forward night: 03:30 CEST, 04:30 in Moscow.
    const due = new Date("2025-03-30T01:30:00Z");
    const berlin = formatDueAbsolute(due, "ru", "Europe/Berlin");
    expect(berlin).toContain("03:30");
    expect(berlin).toContain("30 мар");
    expect(formatDueAbsolute(due, "ru", "Europe/Moscow")).toContain("04:30");
    expect(formatDueAbsolute(due, "en", "America/New_York")).toMatch(/Mar 29, 2025, 9:30\sPM/u);
  });
});
