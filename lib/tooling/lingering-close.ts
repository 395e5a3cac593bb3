import type { Server } from "node:http";
import type { Socket } from "node:net";

/** How long a closing connection goes on reading, and discarding, what its client still sends. */
export const LINGER_MS = 2_000;

/** The parts of Node's http server this relies on (node/lib/_http_server.js, stable since v0.x). */
type HttpSocket = Socket & {
  destroySoon?: () => void;
  parser?: { _consumed?: boolean; unconsume?: () => void } | null;
};

/**
 * nginx's "lingering close", for a response that closes its connection before the request's body
 * was read (a 413, a 503 from the admission gate). Node ends such a socket and destroys it as soon
 * as our FIN is out; the kernel then answers the body still arriving with a reset, and a client
 * still sending gets EPIPE before it has read our answer (seen in CI, and 4 of 600 refused 100 MB
 * uploads under load here). Instead the socket stays open for reading until the client closes it
 * or `lingerMs` passes, every byte discarded unparsed: nothing it sends can start a request.
 */
export function lingerOnClose(server: Server, lingerMs = LINGER_MS): void {
  server.on("connection", (socket: HttpSocket) => {
    // Node's http server calls destroySoon() on a connection once its last response is queued.
    socket.destroySoon = () => {
      const parser = socket.parser;
      if (parser?._consumed) {
        parser.unconsume?.();
        parser._consumed = false;
      }
      socket.removeAllListeners("data");
      socket.on("data", () => undefined);
      socket.end();
      socket.resume();
      const timer = setTimeout(() => socket.destroy(), lingerMs);
      timer.unref();
      socket.once("end", () => socket.destroy());
      socket.once("close", () => clearTimeout(timer));
    };
  });
}
