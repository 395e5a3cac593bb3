import { describe, expect, it } from "vitest";
import { AdmissionQueue } from "@/lib/core/overload/admission-queue";

const limits = { maxConcurrent: 2, maxQueued: 3, maxWaitMs: 1000 };

describe("AdmissionQueue", () => {
  it("starts requests in arrival order, at most maxConcurrent at once", () => {
    const queue = new AdmissionQueue<string>(limits);
    for (const r of ["a", "b", "c"]) expect(queue.arrive(r, 0)).toBe(true);
    expect(queue.start()).toBe("a");
    expect(queue.start()).toBe("b");
    expect(queue.start(), "two are running").toBeUndefined();
    expect([queue.running, queue.waiting]).toEqual([2, 1]);
    queue.finish();
    expect(queue.start()).toBe("c");
    expect([queue.running, queue.waiting]).toEqual([2, 0]);
  });

  it("refuses an arrival when maxQueued are waiting, and takes it again once one started", () => {
    const queue = new AdmissionQueue<string>(limits);
    for (const r of ["a", "b", "c"]) queue.arrive(r, 0);
    expect(queue.arrive("d", 0)).toBe(false);
    queue.start();
    expect(queue.arrive("d", 0)).toBe(true);
    expect(queue.waiting).toBe(3);
  });

  it("takes out, oldest first, exactly the requests that waited maxWaitMs", () => {
    const queue = new AdmissionQueue<string>(limits);
    queue.arrive("a", 0);
    queue.arrive("b", 400);
    queue.arrive("c", 700);
    expect(queue.expire(999)).toEqual([]);
    expect(queue.expire(1400)).toEqual(["a", "b"]);
    expect(queue.waiting).toBe(1);
    expect(queue.start()).toBe("c");
  });

  it("forgets a waiting request whose client left, and only a waiting one", () => {
    const queue = new AdmissionQueue<string>(limits);
    queue.arrive("a", 0);
    queue.arrive("b", 0);
    expect(queue.start()).toBe("a");
    expect(queue.leave("a"), "a runs: not waiting").toBe(false);
    expect(queue.leave("b")).toBe(true);
    expect([queue.running, queue.waiting]).toEqual([1, 0]);
    expect(queue.expire(5000)).toEqual([]);
  });

  it("never counts fewer than zero running", () => {
    const queue = new AdmissionQueue<string>(limits);
    queue.finish();
    expect(queue.running).toBe(0);
  });
});
