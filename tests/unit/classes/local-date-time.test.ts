import { describe, expect, it } from "vitest";
import {
  instantToLocalDateTime,
  localDateTimeToInstant,
  parseLocalDateTime,
  tryLocalDateTimeToInstant,
} from "@/lib/core/classes";

const toIso = (local: string, timeZone: string) =>
  localDateTimeToInstant(local, timeZone).toISOString();

describe("local date and time of the class zone → UTC instant", () => {
  it("uses the offset in force on that date (Berlin: CET in winter, CEST in summer)", () => {
    expect(toIso("2025-01-15T09:00", "Europe/Berlin")).toBe("2025-01-15T08:00:00.000Z");
    expect(toIso("2025-07-01T09:00", "Europe/Berlin")).toBe("2025-07-01T07:00:00.000Z");
    expect(toIso("2025-07-01T09:00", "Europe/Moscow")).toBe("2025-07-01T06:00:00.000Z");
    expect(toIso("2025-07-01T09:00", "Asia/Kolkata")).toBe("2025-07-01T03:30:00.000Z");
    expect(toIso("2025-07-01T09:00:30", "UTC")).toBe("2025-07-01T09:00:30.000Z");
  });

  it("spring-forward gap (Berlin, 30 March 2025, 02:00 → 03:00): moves forward by the gap", () => {
    expect(toIso("2025-03-30T01:59", "Europe/Berlin")).toBe("2025-03-30T00:59:00.000Z");
    // 02:00–02:59 do not exist: 02:30 becomes 03:30 CEST.
    expect(toIso("2025-03-30T02:00", "Europe/Berlin")).toBe("2025-03-30T01:00:00.000Z");
    expect(toIso("2025-03-30T02:30", "Europe/Berlin")).toBe("2025-03-30T01:30:00.000Z");
    expect(toIso("2025-03-30T03:00", "Europe/Berlin")).toBe("2025-03-30T01:00:00.000Z");
    expect(instantToLocalDateTime(at("2025-03-30T01:30:00Z"), "Europe/Berlin")).toBe(
      "2025-03-30T03:30",
    );
    // New York's gap is at 02:00 local on 9 March 2025.
    expect(toIso("2025-03-09T02:30", "America/New_York")).toBe("2025-03-09T07:30:00.000Z");
    // Lord Howe moves by half an hour: 02:15 does not exist and becomes 02:45 (+11:00).
    expect(toIso("2025-10-05T02:15", "Australia/Lord_Howe")).toBe("2025-10-04T15:45:00.000Z");
  });

  it("fall-back overlap (Berlin, 26 October 2025, 03:00 → 02:00): the first, summer-time instant", () => {
    expect(toIso("2025-10-26T02:30", "Europe/Berlin")).toBe("2025-10-26T00:30:00.000Z");
    expect(toIso("2025-10-26T01:59", "Europe/Berlin")).toBe("2025-10-25T23:59:00.000Z");
    expect(toIso("2025-10-26T03:00", "Europe/Berlin")).toBe("2025-10-26T02:00:00.000Z");
    // Both 00:30Z and 01:30Z read 02:30 on a Berlin clock.
    expect(instantToLocalDateTime(at("2025-10-26T00:30:00Z"), "Europe/Berlin")).toBe(
      "2025-10-26T02:30",
    );
    expect(instantToLocalDateTime(at("2025-10-26T01:30:00Z"), "Europe/Berlin")).toBe(
      "2025-10-26T02:30",
    );
    expect(toIso("2025-11-02T01:30", "America/New_York")).toBe("2025-11-02T05:30:00.000Z");
  });

  it("round-trips every quarter hour around both Berlin changes, and each 5 h of the year", () => {
    const instants: number[] = [];
    for (const [from, to, stepMinutes] of [
      ["2025-03-28T00:00:00Z", "2025-04-01T00:00:00Z", 15],
      ["2025-10-24T00:00:00Z", "2025-10-28T00:00:00Z", 15],
      ["2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 300],
    ] as const) {
      for (let ms = Date.parse(from); ms < Date.parse(to); ms += stepMinutes * 60_000) {
        instants.push(ms);
      }
    }
    const mismatches = instants.flatMap((ms) => {
      const local = instantToLocalDateTime(new Date(ms), "Europe/Berlin");
      const back = localDateTimeToInstant(local, "Europe/Berlin").getTime();
      // In the overlap the second 02:xx maps back to the first, an hour earlier.
      const secondOfOverlap = local.startsWith("2025-10-26T02:") && ms - back === 3_600_000;
      return back === ms || secondOfOverlap ? [] : [local];
    });
    expect(mismatches).toEqual([]);
    expect(instants.length).toBeGreaterThan(2000);
  });

  it("refuses what is not a calendar date and time, and unknown zones", () => {
    for (const text of [
      "2025-02-29T10:00",
      "2025-04-31T10:00",
      "2025-13-01T10:00",
      "2025-01-01T24:00",
      "2025-01-01T10:60",
      "2025-01-01 10:00",
      "2025-01-01",
      "1999-12-31T10:00",
      "",
    ]) {
      expect(parseLocalDateTime(text), text).toBeNull();
      expect(tryLocalDateTimeToInstant(text, "UTC"), text).toBeNull();
    }
    expect(parseLocalDateTime("2024-02-29T23:59")).toEqual({
      year: 2024,
      month: 2,
      day: 29,
      hour: 23,
      minute: 59,
      second: 0,
    });
    expect(() => localDateTimeToInstant("2025-02-29T10:00", "UTC")).toThrow(RangeError);
    expect(() => localDateTimeToInstant("2025-03-01T10:00", "Mars/Olympus")).toThrow(RangeError);
    expect(tryLocalDateTimeToInstant("2025-03-01T10:00", "Mars/Olympus")).toBeNull();
  });
});

function at(iso: string) {
  return new Date(iso);
}
