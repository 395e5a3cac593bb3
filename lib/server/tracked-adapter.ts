import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

/** Told of each connected driver adapter, and of null when it is disposed. */
export type OnConnect = (adapter: SqlDriverAdapter | null) => void;

/**
 * `adapter`, announced to `onConnect` now and withdrawn when the client disposes it: the one
 * place lib/server/driver-sql.ts learns which adapter a client is connected through.
 */
export function trackConnection(adapter: SqlDriverAdapter, onConnect: OnConnect): SqlDriverAdapter {
  const tracked = Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    dispose: async () => {
      onConnect(null);
      await adapter.dispose();
    },
  });
  onConnect(tracked);
  return tracked;
}
