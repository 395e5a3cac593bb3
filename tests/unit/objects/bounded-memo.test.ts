import { describe, expect, it } from "vitest";
import { BoundedMemo } from "@/lib/core/objects/bounded-memo";

describe("BoundedMemo", () => {
  it("computes a key once and then answers from memory", () => {
    const memo = new BoundedMemo<number>(10);
    let computed = 0;
    const square = (n: number) => memo.getOrCompute(String(n), () => (computed++, n * n));
    expect([square(3), square(3), square(4), square(3)]).toEqual([9, 9, 16, 9]);
    expect(computed).toBe(2);
  });

  it("never holds more than its bound: full, it starts over", () => {
    const memo = new BoundedMemo<number>(3);
    for (let n = 0; n < 10; n++) memo.set(String(n), n);
    expect(memo.size).toBeLessThanOrEqual(3);
    expect(memo.get("9")).toBe(9);
    expect(memo.get("0")).toBeUndefined();
  });

  it("remembers a falsy value (0) instead of computing it again", () => {
    const memo = new BoundedMemo<number>(3);
    let computed = 0;
    memo.getOrCompute("zero", () => (computed++, 0));
    memo.getOrCompute("zero", () => (computed++, 0));
    expect(computed).toBe(1);
  });
});
