import fs from "node:fs";

/**
 * Debian's HAProxy in front of several PodDeck instances on one machine (`npm run start:cluster`,
 * docs/decisions/013-several-instances.md). It is started by scripts/start.ts with a config file
 * of ours, in the foreground, and stopped with it.
 */

export interface Instance {
  /** The server's name in HAProxy, also sent back in the X-PodDeck-Instance header. */
  name: string;
  port: number;
}

export const HAPROXY_CANDIDATES = ["/usr/sbin/haproxy", "/usr/bin/haproxy"];

/** The haproxy binary, or null when Debian's `haproxy` package is not installed. */
export function findHaproxy(): string | null {
  return HAPROXY_CANDIDATES.find((file) => fs.existsSync(file)) ?? null;
}

/**
 * The configuration: one front on `port` (all addresses, like `npm start`), every request to the
 * next instance in turn (keep-alive connections from a browser included: HAProxy balances each
 * request, not each connection), and:
 * - a health check of /api/health every second: an instance that refuses connections is out
 *   after three failures (3 s) and back after one success; a check waits up to 3 s for its answer,
 *   so an instance that is only busy (starting up, a burst on a 2-core machine) stays in — a 1 s
 *   wait took a warming instance out for 11 requests in a row under load;
 * - a request whose connection to an instance fails (it died) is sent to another one
 *   (`option redispatch 1`, `retries`): nothing was sent yet, so nothing can run twice;
 * - event streams (the live quiz) are long responses with a heartbeat every 15 s, within the
 *   server and client timeouts; `timeout tunnel` covers a stream once HAProxy treats it as one;
 * - X-Forwarded-For carries the client's address (per-address limits: TRUSTED_PROXY_HOPS=1 is
 *   right when clients reach HAProxy directly).
 */
export function haproxyConfig(options: { port: number; instances: readonly Instance[] }): string {
  const servers = options.instances.map(
    (i) => `  server ${i.name} 127.0.0.1:${i.port} check inter 1s fall 3 rise 1`,
  );
  return [
    "global",
    "  log stderr format short local0 warning",
    "",
    "defaults",
    "  mode http",
    "  log global",
    "  maxconn 10000",
    "  option forwardfor",
    "  option redispatch 1",
    "  retries 3",
    "  timeout connect 2s",
    "  timeout client 60s",
    "  timeout server 60s",
    "  timeout http-request 30s",
    "  timeout http-keep-alive 60s",
    "  timeout tunnel 1h",
    "  timeout queue 5s",
    "",
    "frontend poddeck",
    `  bind :${options.port}`,
    "  default_backend instances",
    "",
    "backend instances",
    "  balance roundrobin",
    "  option httpchk GET /api/health",
    "  timeout check 3s",
    "  http-check expect status 200",
    "  http-response set-header X-PodDeck-Instance %[srv_name]",
    ...servers,
    "",
  ].join("\n");
}
