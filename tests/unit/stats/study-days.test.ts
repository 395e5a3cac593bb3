import { describe, expect, it } from "vitest";
import { listComingStudyDays, listPastStudyDays, spreadOverDays } from "@/lib/core/stats";
import { nextStudyDayStart, studyDayKey, studyDayStart } from "@/lib/core/study/study-day";

const HOUR_MS = 3_600_000;

function hoursOf(day: { start: Date; end: Date }): number {
  return (day.end.getTime() - day.start.getTime()) / HOUR_MS;
}

describe("past study days", () => {
  it("Europe/Moscow: days run 04:00–04:00 MSK (01:00Z), today last", () => {
    // 02:30 MSK on March 10th is still the study day of March 9th.
    const days = listPastStudyDays({
      now: new Date("2025-03-09T23:30:00Z"),
      timeZone: "Europe/Moscow",
      dayStartHour: 4,
      count: 3,
    });
    expect(days.map((d) => [d.key, d.start.toISOString(), d.end.toISOString()])).toEqual([
      ["2025-03-07", "2025-03-07T01:00:00.000Z", "2025-03-08T01:00:00.000Z"],
      ["2025-03-08", "2025-03-08T01:00:00.000Z", "2025-03-09T01:00:00.000Z"],
      ["2025-03-09", "2025-03-09T01:00:00.000Z", "2025-03-10T01:00:00.000Z"],
    ]);
  });

  it("America/New_York: the day of the spring switch lasts 23 hours, the fall one 25", () => {
    const spring = listPastStudyDays({
      now: new Date("2025-03-10T12:00:00Z"),
      timeZone: "America/New_York",
      dayStartHour: 4,
      count: 3,
    });
    expect(spring.map((d) => [d.key, hoursOf(d)])).toEqual([
      ["2025-03-08", 23],
      ["2025-03-09", 24],
      ["2025-03-10", 24],
    ]);
    expect(spring[0]?.start.toISOString()).toBe("2025-03-08T09:00:00.000Z"); // 04:00 EST
    expect(spring[1]?.start.toISOString()).toBe("2025-03-09T08:00:00.000Z"); // 04:00 EDT

    const fall = listPastStudyDays({
      now: new Date("2025-11-03T12:00:00Z"),
      timeZone: "America/New_York",
      dayStartHour: 4,
      count: 3,
    });
    expect(fall.map((d) => [d.key, hoursOf(d)])).toEqual([
      ["2025-11-01", 25],
      ["2025-11-02", 24],
      ["2025-11-03", 24],
    ]);
  });

  it("Asia/Kolkata: a half-hour zone starts its days at 22:30Z", () => {
    const [day] = listPastStudyDays({
      now: new Date("2025-03-09T22:30:00Z"),
      timeZone: "Asia/Kolkata",
      dayStartHour: 4,
      count: 1,
    });
    expect(day).toEqual({
      key: "2025-03-10",
      start: new Date("2025-03-09T22:30:00Z"),
      end: new Date("2025-03-10T22:30:00Z"),
    });
  });

  it("a year of days is contiguous, with one key per calendar date", () => {
    const days = listPastStudyDays({
      now: new Date("2026-03-02T15:00:00Z"),
      timeZone: "America/New_York",
      dayStartHour: 4,
      count: 365,
    });
    expect(days).toHaveLength(365);
    expect(days.at(-1)?.key).toBe("2026-03-02");
    expect(days[0]?.key).toBe("2025-03-03");
    for (let i = 1; i < days.length; i++) {
      expect(days[i]?.start.getTime()).toBe(days[i - 1]?.end.getTime());
    }
    expect(new Set(days.map((d) => d.key)).size).toBe(365);
  });
});

describe("coming study days", () => {
  it("start with today and follow each other across a DST switch", () => {
    const days = listComingStudyDays({
      now: new Date("2025-03-08T20:00:00Z"),
      timeZone: "America/New_York",
      dayStartHour: 4,
      count: 3,
    });
    expect(days.map((d) => [d.key, d.start.toISOString(), hoursOf(d)])).toEqual([
      ["2025-03-08", "2025-03-08T09:00:00.000Z", 23],
      ["2025-03-09", "2025-03-09T08:00:00.000Z", 24],
      ["2025-03-10", "2025-03-10T08:00:00.000Z", 24],
    ]);
  });
});

describe("spreading rows over days", () => {
  it("puts each row at its day and fills the rest", () => {
    const days = listComingStudyDays({
      now: new Date("2025-03-08T20:00:00Z"),
      timeZone: "UTC",
      dayStartHour: 4,
      count: 3,
    });
    expect(
      spreadOverDays(
        days,
        [
          { day: 2, value: 5 },
          { day: 0, value: 1 },
        ],
        0,
      ),
    ).toEqual([
      { key: "2025-03-08", value: 1 },
      { key: "2025-03-09", value: 0 },
      { key: "2025-03-10", value: 5 },
    ]);
  });
});

describe("the walk by calendar date", () => {
  /** The walk it replaced: each day found from the instant before the next one began. */
  function walkByInstant(now: Date, timeZone: string, dayStartHour: number, count: number) {
    const days = [];
    let start = studyDayStart(now, timeZone, dayStartHour);
    let end = nextStudyDayStart(now, timeZone, dayStartHour);
    for (let i = 0; i < count; i++) {
      days.push({ key: studyDayKey(start, timeZone, dayStartHour), start, end });
      end = start;
      start = studyDayStart(new Date(start.getTime() - 1), timeZone, dayStartHour);
    }
    return days.reverse();
  }

  it.each([
    ["America/New_York", 4, "2025-03-12T14:00:00Z"],
    ["Europe/London", 1, "2025-04-01T00:30:00Z"],
    ["Asia/Kathmandu", 4, "2026-01-05T20:00:00Z"],
    ["Australia/Lord_Howe", 2, "2025-10-10T12:00:00Z"],
    ["Africa/Monrovia", 4, "1972-03-01T12:00:00Z"],
  ])("gives the same year of days in %s from %i:00", (timeZone, dayStartHour, now) => {
    const options = { now: new Date(now), timeZone, dayStartHour, count: 400 };
    const days = listPastStudyDays(options);
    expect(days).toEqual(walkByInstant(options.now, timeZone, dayStartHour, 400));
    // Asked again (remembered starts), the same.
    expect(listPastStudyDays(options)).toEqual(days);
  });

  /** The forward walk it replaced: each next day found from the instant the last one began. */
  function walkForwardByInstant(now: Date, timeZone: string, dayStartHour: number, count: number) {
    const days = [];
    let start = studyDayStart(now, timeZone, dayStartHour);
    for (let i = 0; i < count; i++) {
      const end = nextStudyDayStart(start, timeZone, dayStartHour);
      days.push({ key: studyDayKey(start, timeZone, dayStartHour), start, end });
      start = end;
    }
    return days;
  }

  it.each([
    ["America/New_York", 4, "2025-02-20T14:00:00Z"],
    ["Europe/London", 1, "2025-03-01T00:30:00Z"],
    ["Asia/Kathmandu", 4, "2026-01-05T20:00:00Z"],
    ["Australia/Lord_Howe", 2, "2025-09-10T12:00:00Z"],
    ["Africa/Monrovia", 4, "1972-01-01T12:00:00Z"],
    ["Pacific/Apia", 4, "2011-12-20T12:00:00Z"],
  ])("gives the same coming days in %s from %i:00", (timeZone, dayStartHour, now) => {
    const options = { now: new Date(now), timeZone, dayStartHour, count: 90 };
    const days = listComingStudyDays(options);
    expect(days).toEqual(walkForwardByInstant(options.now, timeZone, dayStartHour, 90));
    expect(listComingStudyDays(options)).toEqual(days);
  });

  it("skips a date the zone skipped (Samoa, 30 December 2011), where the old walk stuck", () => {
    const days = listPastStudyDays({
      now: new Date("2012-01-01T12:00:00Z"),
      timeZone: "Pacific/Apia",
      dayStartHour: 4,
      count: 3,
    });
    expect(days.map((d) => [d.key, d.start.toISOString(), d.end.toISOString()])).toEqual([
      ["2011-12-29", "2011-12-29T14:00:00.000Z", "2011-12-30T14:00:00.000Z"],
      ["2011-12-31", "2011-12-30T14:00:00.000Z", "2011-12-31T14:00:00.000Z"],
      ["2012-01-01", "2011-12-31T14:00:00.000Z", "2012-01-01T14:00:00.000Z"],
    ]);
  });
});
