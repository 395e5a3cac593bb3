import { describe, expect, it } from "vitest";
import { lazyModule } from "@/components/forms/lazy-module";

describe("lazyModule", () => {
  it("imports once however often it is asked, and keeps the module for synchronous checks", async () => {
    let imports = 0;
    const schemas = lazyModule(async () => {
      imports += 1;
      return { name: "schemas" };
    });
    expect(schemas.current).toBeUndefined();
    expect(imports).toBe(0);
    const [first, second] = await Promise.all([schemas.load(), schemas.load()]);
    expect(first).toBe(second);
    expect(await schemas.load()).toBe(first);
    expect(schemas.current).toBe(first);
    expect(imports).toBe(1);
  });

  it("tries again after a failed import", async () => {
    let imports = 0;
    const schemas = lazyModule(async () => {
      imports += 1;
      if (imports === 1) throw new Error("chunk failed to load");
      return { name: "schemas" };
    });
    await expect(schemas.load()).rejects.toThrow("chunk failed to load");
    expect(schemas.current).toBeUndefined();
    expect(await schemas.load()).toEqual({ name: "schemas" });
    expect(imports).toBe(2);
  });
});
