import { describe, expect, it } from "vitest";
import { listPageScripts } from "@/bench/first-load-js";

describe("listPageScripts", () => {
  it("lists every script a modern browser loads for the page, once each", () => {
    const html = [
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/>',
      '<link rel="stylesheet" href="/_next/static/chunks/style.css"/>',
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script src="/_next/static/chunks/b.js" async=""></script>',
      '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>',
      '<script>self.__next_f.push([1,"inline"])</script>',
      '<link rel="preload" as="script" href="/_next/static/chunks/c.js"/>',
    ].join("");
    expect(listPageScripts(html)).toEqual([
      "/_next/static/chunks/a.js",
      "/_next/static/chunks/b.js",
      "/_next/static/chunks/c.js",
    ]);
  });
});
