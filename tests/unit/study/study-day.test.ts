import { describe, expect, it } from "vitest";
import { nextStudyDayStart, studyDayKey, studyDayStart } from "@/lib/core/study";

const HOUR_MS = 3_600_000;

function describeDay(iso: string, timeZone: string, dayStartHour = 4) {
  const now = new Date(iso);
  return {
    key: studyDayKey(now, timeZone, dayStartHour),
    start: studyDayStart(now, timeZone, dayStartHour).toISOString(),
    next: nextStudyDayStart(now, timeZone, dayStartHour).toISOString(),
  };
}

describe("study day", () => {
  it("UTC: the day turns at 04:00Z", () => {
    expect(describeDay("2025-03-10T03:59:59.999Z", "UTC")).toEqual({
      key: "2025-03-09",
      start: "2025-03-09T04:00:00.000Z",
      next: "2025-03-10T04:00:00.000Z",
    });
    expect(describeDay("2025-03-10T04:00:00.000Z", "UTC")).toEqual({
      key: "2025-03-10",
      start: "2025-03-10T04:00:00.000Z",
      next: "2025-03-11T04:00:00.000Z",
    });
  });

  it("Europe/Moscow (UTC+3, no DST): 04:00 MSK is 01:00Z in winter and in summer", () => {
    expect(describeDay("2025-03-10T00:59:59Z", "Europe/Moscow")).toEqual({
      key: "2025-03-09",
      start: "2025-03-09T01:00:00.000Z",
      next: "2025-03-10T01:00:00.000Z",
    });
    expect(describeDay("2025-03-10T01:00:00Z", "Europe/Moscow").key).toBe("2025-03-10");
    expect(describeDay("2025-07-01T00:59:00Z", "Europe/Moscow")).toEqual({
      key: "2025-06-30",
      start: "2025-06-30T01:00:00.000Z",
      next: "2025-07-01T01:00:00.000Z",
    });
  });

  it("Asia/Kolkata (UTC+5:30): 04:00 IST is 22:30Z the evening before", () => {
    expect(describeDay("2025-03-09T22:29:59Z", "Asia/Kolkata")).toEqual({
      key: "2025-03-09",
      start: "2025-03-08T22:30:00.000Z",
      next: "2025-03-09T22:30:00.000Z",
    });
    expect(describeDay("2025-03-09T22:30:00Z", "Asia/Kolkata")).toEqual({
      key: "2025-03-10",
      start: "2025-03-09T22:30:00.000Z",
      next: "2025-03-10T22:30:00.000Z",
    });
  });

  describe("America/New_York across the March DST switch (2025-03-09 02:00 EST → 03:00 EDT)", () => {
    it("the day before the switch lasts 23 hours: 04:00 EST to 04:00 EDT", () => {
      const day = describeDay("2025-03-08T20:00:00Z", "America/New_York");
      expect(day).toEqual({
        key: "2025-03-08",
        start: "2025-03-08T09:00:00.000Z",
        next: "2025-03-09T08:00:00.000Z",
      });
      expect(Date.parse(day.next) - Date.parse(day.start)).toBe(23 * HOUR_MS);
    });

    it("01:30 EST and 03:59 EDT on the 9th still belong to the 8th", () => {
      expect(describeDay("2025-03-09T06:30:00Z", "America/New_York").key).toBe("2025-03-08");
      expect(describeDay("2025-03-09T07:59:59Z", "America/New_York")).toEqual({
        key: "2025-03-08",
        start: "2025-03-08T09:00:00.000Z",
        next: "2025-03-09T08:00:00.000Z",
      });
    });

    it("04:00 EDT starts the 9th", () => {
      expect(describeDay("2025-03-09T08:00:00Z", "America/New_York")).toEqual({
        key: "2025-03-09",
        start: "2025-03-09T08:00:00.000Z",
        next: "2025-03-10T08:00:00.000Z",
      });
    });

    it("the November switch makes a 25-hour day", () => {
      const day = describeDay("2025-11-01T20:00:00Z", "America/New_York");
      expect(day).toEqual({
        key: "2025-11-01",
        start: "2025-11-01T08:00:00.000Z",
        next: "2025-11-02T09:00:00.000Z",
      });
      expect(Date.parse(day.next) - Date.parse(day.start)).toBe(25 * HOUR_MS);
    });

    it("a start hour inside the spring-forward gap moves to the end of the gap", () => {
      // 02:00 never happens on 2025-03-09 in New York; 03:00 EDT (07:00Z) does.
      expect(describeDay("2025-03-09T12:00:00Z", "America/New_York", 2)).toEqual({
        key: "2025-03-09",
        start: "2025-03-09T07:00:00.000Z",
        next: "2025-03-10T06:00:00.000Z",
      });
    });

    it("a start hour inside the fall-back overlap takes its first occurrence", () => {
      // 01:00 happens twice on 2025-11-02: at 05:00Z (EDT) and at 06:00Z (EST).
      for (const iso of ["2025-11-02T05:30:00Z", "2025-11-02T06:30:00Z", "2025-11-02T12:00:00Z"]) {
        expect(describeDay(iso, "America/New_York", 1)).toEqual({
          key: "2025-11-02",
          start: "2025-11-02T05:00:00.000Z",
          next: "2025-11-03T06:00:00.000Z",
        });
      }
    });
  });

  it("defaults to 04:00 and supports midnight", () => {
    const now = new Date("2025-03-10T03:00:00Z");
    expect(studyDayKey(now, "UTC")).toBe("2025-03-09");
    expect(studyDayKey(now, "UTC", 0)).toBe("2025-03-10");
    expect(studyDayStart(now, "UTC", 0).toISOString()).toBe("2025-03-10T00:00:00.000Z");
  });

  it("crosses month and year ends", () => {
    expect(describeDay("2025-01-01T02:00:00Z", "UTC")).toEqual({
      key: "2024-12-31",
      start: "2024-12-31T04:00:00.000Z",
      next: "2025-01-01T04:00:00.000Z",
    });
    expect(studyDayKey(new Date("2024-03-01T03:00:00Z"), "UTC")).toBe("2024-02-29");
  });

  it("always contains now and names the day consistently, all year, in every zone", () => {
    const zones = [
      "UTC",
      "Europe/Moscow",
      "America/New_York",
      "Asia/Kolkata",
      "Australia/Lord_Howe",
    ];
    const from = Date.parse("2025-01-01T00:00:00Z");
    const to = Date.parse("2026-01-01T00:00:00Z");
    const stepMs = 3 * HOUR_MS + 17 * 60_000; // odd step so every local hour gets hit
    for (const timeZone of zones) {
      for (let ms = from; ms < to; ms += stepMs) {
        const now = new Date(ms);
        const start = studyDayStart(now, timeZone);
        const next = nextStudyDayStart(now, timeZone);
        expect(start.getTime()).toBeLessThanOrEqual(ms);
        expect(next.getTime()).toBeGreaterThan(ms);
        expect(next.getTime() - start.getTime()).toBeGreaterThanOrEqual(23 * HOUR_MS);
        expect(next.getTime() - start.getTime()).toBeLessThanOrEqual(25 * HOUR_MS);
        expect(studyDayKey(start, timeZone)).toBe(studyDayKey(now, timeZone));
        expect(studyDayKey(new Date(next.getTime() - 1), timeZone)).toBe(
          studyDayKey(now, timeZone),
        );
        expect(studyDayKey(next, timeZone)).not.toBe(studyDayKey(now, timeZone));
      }
    }
  });

  it("gives the same day whatever was asked before (zones, start hours and instants interleaved)", () => {
    const zones = ["UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"];
    const from = Date.parse("2025-03-01T00:00:00Z");
    const asks: { timeZone: string; hour: number; ms: number }[] = [];
    for (let i = 0; i < 600; i++) {
      asks.push({
        timeZone: zones[i % zones.length] ?? "UTC",
        hour: i % 3 === 0 ? 0 : 4,
        ms: from + ((i * 7_919_993) % (240 * 24 * HOUR_MS)),
      });
    }
    const answer = ({ timeZone, hour, ms }: (typeof asks)[number]) =>
      `${studyDayStart(new Date(ms), timeZone, hour).toISOString()} ${nextStudyDayStart(new Date(ms), timeZone, hour).toISOString()}`;
    // In time order per zone and hour first, then backwards: every answer must agree.
    const inOrder = [...asks].sort((a, b) => a.ms - b.ms).map((ask) => [ask, answer(ask)] as const);
    for (const [ask, expected] of [...inOrder].reverse()) expect(answer(ask)).toBe(expected);
    for (const [ask] of inOrder) {
      const start = studyDayStart(new Date(ask.ms), ask.timeZone, ask.hour).getTime();
      expect(start).toBeLessThanOrEqual(ask.ms);
      expect(nextStudyDayStart(new Date(ask.ms), ask.timeZone, ask.hour).getTime()).toBeGreaterThan(
        ask.ms,
      );
      // The day before ends where this one starts.
      expect(nextStudyDayStart(new Date(start - 1), ask.timeZone, ask.hour).getTime()).toBe(start);
    }
  });
});
