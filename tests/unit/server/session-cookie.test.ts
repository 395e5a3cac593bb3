import { describe, expect, it } from "vitest";
import { hasSessionCookie } from "@/lib/server/auth/session-cookie";

describe("hasSessionCookie", () => {
  it("sees the Auth.js session cookie, plain, secure and chunked", () => {
    expect(hasSessionCookie([{ name: "authjs.session-token", value: "jwt" }])).toBe(true);
    expect(hasSessionCookie([{ name: "__Secure-authjs.session-token", value: "jwt" }])).toBe(true);
    expect(hasSessionCookie([{ name: "authjs.session-token.0", value: "part" }])).toBe(true);
  });

  it("ignores other cookies and empty session cookies", () => {
    expect(hasSessionCookie([])).toBe(false);
    expect(hasSessionCookie([{ name: "pd_learner", value: "id.sig" }])).toBe(false);
    expect(hasSessionCookie([{ name: "authjs.csrf-token", value: "x" }])).toBe(false);
    expect(hasSessionCookie([{ name: "authjs.session-token", value: "" }])).toBe(false);
  });
});
