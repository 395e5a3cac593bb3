import { afterEach, describe, expect, it } from "vitest";
import { trustedProxyHops } from "@/lib/config/env";
import { addressKey, forwardedClient } from "@/lib/core/rate-limits/client-address";
import { clientAddress } from "@/lib/server/request";

describe("forwardedClient", () => {
  it("takes the entry the nearest proxy appended, not the one the client sent", () => {
    // nginx's $proxy_add_x_forwarded_for appends what it saw to whatever the client sent.
    expect(forwardedClient("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(forwardedClient("203.0.113.7", 1)).toBe("203.0.113.7");
  });

  it("with two proxies (a CDN, then nginx), takes the second entry from the right", () => {
    expect(forwardedClient("6.6.6.6, 203.0.113.7, 192.0.2.1", 2)).toBe("203.0.113.7");
    // A request that skipped the first proxy: the only entry there is.
    expect(forwardedClient("203.0.113.7", 2)).toBe("203.0.113.7");
  });

  it("is null without a usable entry", () => {
    expect(forwardedClient(null, 1)).toBeNull();
    expect(forwardedClient(" , ", 1)).toBeNull();
  });
});

describe("addressKey", () => {
  it("keeps IPv4 addresses, without a port", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("203.0.113.7:51234")).toBe("203.0.113.7");
  });

  it("counts a whole IPv6 /64 as one client, however the address is written", () => {
    const key = "2001:db8:1:2::/64";
    expect(addressKey("2001:db8:1:2::1")).toBe(key);
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:fffe")).toBe(key);
    expect(addressKey("[2001:DB8:1:2:a:b:c:d]:443")).toBe(key);
    expect(addressKey("2001:db8:1:2::1%eth0")).toBe(key);
    expect(addressKey("2001:db8:1:3::1")).not.toBe(key);
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });

  it("reads an IPv4-mapped IPv6 address as the IPv4 one", () => {
    expect(addressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("::ffff:7f00:1")).toBe("127.0.0.1");
  });

  it("keeps anything else as given, cut to 64 characters", () => {
    expect(addressKey("e2e-1234")).toBe("e2e-1234");
    expect(addressKey("1:2:3")).toBe("1:2:3");
    expect(addressKey("x".repeat(100))).toHaveLength(64);
    expect(addressKey("  ")).toBe("unknown");
  });
});

describe("clientAddress", () => {
  const saved = process.env.TRUSTED_PROXY_HOPS;
  afterEach(() => {
    if (saved === undefined) delete process.env.TRUSTED_PROXY_HOPS;
    else process.env.TRUSTED_PROXY_HOPS = saved;
  });
  const headers = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

  it("is the last X-Forwarded-For entry by default, so a forged first entry changes nothing", () => {
    delete process.env.TRUSTED_PROXY_HOPS;
    expect(clientAddress(headers("1.1.1.1, 203.0.113.7"))).toBe("203.0.113.7");
    expect(clientAddress(headers("2.2.2.2, 203.0.113.7"))).toBe("203.0.113.7");
    expect(clientAddress(headers())).toBe("local");
  });

  it("follows TRUSTED_PROXY_HOPS", () => {
    process.env.TRUSTED_PROXY_HOPS = "2";
    expect(clientAddress(headers("1.1.1.1, 203.0.113.7, 192.0.2.1"))).toBe("203.0.113.7");
  });
});

describe("trustedProxyHops", () => {
  it("defaults to one proxy and falls back to it on a value npm start would refuse", () => {
    expect(trustedProxyHops({})).toBe(1);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "3" })).toBe(3);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "0" })).toBe(1);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "many" })).toBe(1);
  });
});
