import { describe, expect, it } from "vitest";
import { formatInterval } from "@/lib/core/study/format-interval";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Russian labels keep number and unit together with a no-break space; tests write a space. */
const ru = (label: string) => label.replace(" ", "\u00a0");

describe("formatInterval", () => {
  it.each([
    // Under a minute, and input that is no duration at all.
    [0, "<1m", "<1 мин"],
    [59_999, "<1m", "<1 мин"],
    [-5 * MINUTE_MS, "<1m", "<1 мин"],
    [Number.NaN, "<1m", "<1 мин"],
    // Minutes, whole.
    [MINUTE_MS, "1m", "1 мин"],
    [10 * MINUTE_MS, "10m", "10 мин"],
    [59.4 * MINUTE_MS, "59m", "59 мин"],
    // Hours, with one decimal; 59.7 minutes rounds to a full hour.
    [59.7 * MINUTE_MS, "1h", "1 ч"],
    [90 * MINUTE_MS, "1.5h", "1,5 ч"],
    [23.9 * HOUR_MS, "23.9h", "23,9 ч"],
    // Days, whole.
    [23.97 * HOUR_MS, "1d", "1 дн."],
    [7 * DAY_MS, "7d", "7 дн."],
    [29 * DAY_MS, "29d", "29 дн."],
    // Months of 30 days, with one decimal.
    [29.6 * DAY_MS, "1mo", "1 мес."],
    [45 * DAY_MS, "1.5mo", "1,5 мес."],
    [90 * DAY_MS, "3mo", "3 мес."],
    [356 * DAY_MS, "11.9mo", "11,9 мес."],
    // Years of 365 days, with one decimal, and the Russian plural of "год" in its short form.
    [359 * DAY_MS, "1y", "1 г."],
    [400 * DAY_MS, "1.1y", "1,1 г."],
    [2 * 365 * DAY_MS, "2y", "2 г."],
    [5 * 365 * DAY_MS, "5y", "5 л."],
    [21 * 365 * DAY_MS, "21y", "21 г."],
    [36500 * DAY_MS, "100y", "100 л."],
    [1000 * 365 * DAY_MS, "1000y", "1000 л."],
  ])("%d ms → %s / %s", (ms, en, russian) => {
    expect(formatInterval(ms, "en")).toBe(en);
    expect(formatInterval(ms, "ru")).toBe(ru(russian));
  });
});
