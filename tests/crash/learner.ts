import http from "node:http";

/** A complete answer from the server. A request without one (the server died) resolves to null. */
export interface Reply {
  status: number;
  body: string;
}

const LEARNER_COOKIE = "pd_learner";
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The server the learners talk to. Its connections are dropped at every restart: a kept-alive
 * socket of the killed server would fail the first request after it, for no reason of the app's.
 */
export class Endpoint {
  private agent = new http.Agent({ keepAlive: true });

  constructor(readonly port: number) {}

  reset(): void {
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true });
  }

  request(
    method: string,
    path: string,
    headers: Record<string, string>,
    payload?: string,
  ): Promise<{ reply: Reply; setCookie: string[] } | null> {
    return new Promise((resolve) => {
      const request = http.request(
        { host: "127.0.0.1", port: this.port, method, path, headers, agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              reply: { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() },
              setCookie: response.headers["set-cookie"] ?? [],
            }),
          );
          // Cut off mid-body: the answer never fully arrived, so nothing was acknowledged.
          response.on("close", () => resolve(null));
        },
      );
      request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy());
      request.on("error", () => resolve(null));
      request.end(payload);
    });
  }
}

/**
 * One simulated learner: a guest with its own cookie and its own client address (so limits per
 * address see many visitors, as they would in production), sending one request at a time.
 */
export class Learner {
  /** Every cookie the server set, by name: the guest cookie, and a live player's. */
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly address: string,
    private readonly endpoint: Endpoint,
  ) {}

  /** The guest learner the server bound to this client's cookie; null before its first write. */
  get learnerId(): string | null {
    const value = this.cookies.get(LEARNER_COOKIE) ?? "";
    const dot = value.lastIndexOf(".");
    return dot > 0 ? value.slice(0, dot) : null;
  }

  async postJson(
    path: string,
    body: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<Reply | null> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-forwarded-for": this.address,
      ...extraHeaders,
    };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const result = await this.endpoint.request("POST", path, headers, JSON.stringify(body));
    if (!result) return null;
    for (const cookie of result.setCookie) {
      const pair = cookie.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return result.reply;
  }
}
