/*
 * The key a per-address limit counts a client under, from the X-Forwarded-For header. Pure: the
 * caller passes the header and how many proxies it trusts.
 */

const MAX_KEY_LENGTH = 64;

/**
 * The entry `trustedHops` from the right of an X-Forwarded-For value: the address the outermost
 * trusted proxy saw. Entries further left were sent by the client and can say anything. With
 * fewer entries than hops (a request that skipped a proxy), the leftmost one; null without any.
 */
export function forwardedClient(header: string | null, trustedHops: number): string | null {
  const entries = (header ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - trustedHops)] ?? null;
}

function ipv4Octets(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and a dotted IPv4 tail), or null. */
function ipv6Groups(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === "") return [];
    const pieces = part.split(":");
    const groups: number[] = [];
    for (const [i, piece] of pieces.entries()) {
      const v4 = i === pieces.length - 1 && piece.includes(".") ? ipv4Octets(piece) : null;
      if (v4) groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      else if (/^[0-9a-f]{1,4}$/i.test(piece)) groups.push(parseInt(piece, 16));
      else return null;
    }
    return groups;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
}

/**
 * One key per client: an IPv4 address as it is; an IPv6 address as its /64 network, because one
 * home or phone is handed a whole /64 and could otherwise count as billions of clients; an
 * IPv4-mapped IPv6 address as the IPv4 one. Brackets, ports and zones are dropped. Anything
 * else (no proxy in front, a test) is kept as given, cut to 64 characters.
 */
export function addressKey(address: string): string {
  let text = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(text);
  if (v4WithPort) text = v4WithPort[1]!;
  if (ipv4Octets(text)) return text;
  const groups = ipv6Groups(text.replace(/%.*$/, ""));
  if (groups) {
    const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
    if (mapped) {
      return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
    }
    return `${groups
      .slice(0, 4)
      .map((g) => g.toString(16))
      .join(":")}::/64`;
  }
  return text.slice(0, MAX_KEY_LENGTH) || "unknown";
}
