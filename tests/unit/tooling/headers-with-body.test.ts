import http, { type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HeadersWithBodyResponse } from "@/lib/tooling/headers-with-body";

/*
 * Next.js answers a route by flushing the headers, then writing the body. The test handlers do
 * the same and count the writes that reach the connection's socket (one `_write`/`_writev` call
 * is one syscall).
 */

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function startServer(
  withBody: boolean,
  handle: (res: ServerResponse) => void,
): Promise<{ port: number; socketWrites: () => number }> {
  let writes = 0;
  server = withBody
    ? http.createServer({ ServerResponse: HeadersWithBodyResponse }, (_req, res) => handle(res))
    : http.createServer((_req, res) => handle(res));
  server.on("connection", (socket: Socket & { _write: unknown; _writev: unknown }) => {
    for (const method of ["_write", "_writev"] as const) {
      const original = socket[method] as (...args: unknown[]) => unknown;
      socket[method] = (...args: unknown[]) => {
        writes += 1;
        return original.apply(socket, args);
      };
    }
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, socketWrites: () => writes };
}

function get(port: number, onChunk?: (text: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ port, host: "127.0.0.1", path: "/" }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
          onChunk?.(chunk);
        });
        res.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

/** What Next.js does for a JSON answer: headers flushed, then the whole body at once. */
const answerLikeNext = (res: ServerResponse) => {
  res.setHeader("content-type", "application/json");
  res.flushHeaders();
  res.write('{"card":null}');
  res.end();
};

describe("HeadersWithBodyResponse", () => {
  it("sends a route's headers and its body in one write", async () => {
    const { port, socketWrites } = await startServer(true, answerLikeNext);
    expect(await get(port)).toBe('{"card":null}');
    expect(socketWrites()).toBe(1);
  });

  it("is needed: Node's own response sends them in two", async () => {
    const { port, socketWrites } = await startServer(false, answerLikeNext);
    expect(await get(port)).toBe('{"card":null}');
    expect(socketWrites()).toBe(2);
  });

  it("never holds back a streamed body: each chunk leaves before the next is written", async () => {
    let clientGotFirst: () => void = () => undefined;
    const firstArrived = new Promise<void>((resolve) => (clientGotFirst = resolve));
    const { port } = await startServer(true, (res) => {
      res.setHeader("content-type", "text/event-stream");
      res.flushHeaders();
      res.write("data: 1\n\n");
      // The second event is written only once the client has read the first: a corked socket
      // would never let it arrive, and the test would time out.
      void firstArrived.then(() => res.end("data: 2\n\n"));
    });
    const body = await get(port, (chunk) => {
      if (chunk.includes("data: 1")) clientGotFirst();
    });
    expect(body).toBe("data: 1\n\ndata: 2\n\n");
  });
});
