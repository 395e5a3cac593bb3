import { ServerResponse, type IncomingMessage } from "node:http";

/**
 * Next.js sends a route's headers on their own (`res.flushHeaders()` before the first chunk of
 * the body), then the body: two syscalls, two TCP segments and two wake-ups of the client per
 * answer. Corking the socket while the headers are flushed lets the first chunk — and, for a
 * body written at once, the chunked terminator — join them in one write. The socket is uncorked
 * on the next tick, so a streamed body (live-quiz events) is never held back.
 * Use: `http.createServer({ ServerResponse: HeadersWithBodyResponse })`.
 */
export class HeadersWithBodyResponse<
  Request extends IncomingMessage = IncomingMessage,
> extends ServerResponse<Request> {
  override flushHeaders(): void {
    const socket = this.socket;
    if (socket && !this.headersSent) {
      socket.cork();
      process.nextTick(() => socket.uncork());
    }
    super.flushHeaders();
  }
}
