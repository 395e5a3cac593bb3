import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { lingerOnClose } from "@/lib/tooling/lingering-close";

/*
 * A server that refuses every body at once, the way a 413 does: it answers without reading and
 * closes the connection. The client goes on sending after it has read the answer, as a browser
 * uploading a large file does until it notices.
 */
const ONE_MB = Buffer.alloc(1024 * 1024, 0x20);

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function startRefusingServer(linger: boolean, lingerMs?: number) {
  const handled: string[] = [];
  server = http.createServer((req, res) => {
    handled.push(req.url ?? "");
    res.writeHead(413, { Connection: "close", "Content-Length": 2 }).end("no");
  });
  if (linger) lingerOnClose(server, lingerMs);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, handled };
}

interface Upload {
  answer: string;
  /** What went wrong while sending after the answer had arrived, if anything. */
  sendError: string | null;
  closedAfterMs: number | null;
}

/** Sends a 100 MB upload's headers and a first megabyte, then, once answered, `then` for `forMs`. */
function upload(port: number, forMs: number, then: Buffer = ONE_MB): Promise<Upload> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    let answer = "";
    let sendError: string | null = null;
    let answeredAt = 0;
    let closedAfterMs: number | null = null;
    socket.on(
      "error",
      (error: NodeJS.ErrnoException) => (sendError ??= error.code ?? error.message),
    );
    socket.on("close", () => {
      if (answeredAt) closedAfterMs = Date.now() - answeredAt;
    });
    socket.write(
      `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: ${100 * ONE_MB.length}\r\n\r\n`,
    );
    socket.write(ONE_MB);
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString();
      if (answeredAt || !answer.includes("\r\n\r\nno")) return;
      answeredAt = Date.now();
      const sender = setInterval(() => !socket.destroyed && socket.write(then), 20);
      setTimeout(() => {
        clearInterval(sender);
        socket.destroy();
        setTimeout(() => resolve({ answer, sendError, closedAfterMs }), 50);
      }, forMs);
    });
  });
}

describe("lingering close", () => {
  it("without it, a client still sending after the answer gets a reset (the failure it prevents)", async () => {
    const { port } = await startRefusingServer(false);
    const result = await upload(port, 300);
    expect(result.answer).toMatch(/^HTTP\/1\.1 413/);
    expect(result.sendError).toMatch(/EPIPE|ECONNRESET/);
  });

  it("keeps reading and discarding after the answer, so the client can send on and read it", async () => {
    const { port } = await startRefusingServer(true);
    const result = await upload(port, 300);
    expect(result.answer).toMatch(/^HTTP\/1\.1 413/);
    expect(result.sendError).toBeNull();
  });

  it("closes the connection once the linger time is over, however long the client sends", async () => {
    const { port } = await startRefusingServer(true, 150);
    const result = await upload(port, 1_500);
    expect(result.closedAfterMs).not.toBeNull();
    expect(result.closedAfterMs!).toBeLessThan(1_500);
  });

  it("parses nothing more from the connection: a request sent after the answer is never run", async () => {
    const { port, handled } = await startRefusingServer(true);
    const socket = net.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    socket.on("error", () => undefined);
    socket.write("POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
    await new Promise((resolve) => socket.once("data", resolve));
    socket.write("GET /second HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    expect(handled).toEqual(["/first"]);
  });
});
