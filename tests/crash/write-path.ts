import type Database from "better-sqlite3";
import type { Learner } from "./learner";

/**
 * A kind of write the crash test sends and later looks for in the database.
 *
 * To cover a new write path (the live quiz's answers, say), add a module like
 * `study-answers.ts` and return it from `createWritePaths` in `run.ts`:
 * - `send` makes one write as the learner, with an id the client generates (the route's
 *   idempotency key), and returns its acknowledgement when the server answered 2xx, `null`
 *   when it did not (the connection died, or a 429/503 asked to come back later). It keeps the
 *   unacknowledged write and re-sends it, same id, on the learner's next `send`: what a real
 *   client does after a failed request. Any other answer (400, 409, 500) is a defect: throw
 *   `UnexpectedReplyError`.
 * - `verify` reads the database after the restart (read-only, better-sqlite3) and reports every
 *   acknowledged write that is missing (`lost`) or there more than once (`duplicated`), and
 *   anything else that must hold (a broken history) as `problems`.
 */
export interface WritePath<A extends Ack = Ack> {
  name: string;
  /** Once, with the server up and the decks loaded, before any write. */
  prepare(db: Database.Database): void;
  /**
   * A new learner's first write, made before any kill: for a guest it is the one that creates
   * the learner and sets its cookie, and a client that never got that cookie is someone else.
   */
  join(learner: Learner): Promise<A | null>;
  send(learner: Learner): Promise<A | null>;
  /** Whether the learner has a write that was never acknowledged (to re-send after a restart). */
  hasPending(learner: Learner): boolean;
  verify(db: Database.Database, acks: readonly A[]): PathCheck;
}

/** What the server acknowledged: `key` names the write (the client-generated id). */
export interface Ack {
  key: string;
  /** 200 for a replay of a write the server had already applied (after a retry). */
  status: number;
}

export interface PathCheck {
  /** Acknowledged writes found exactly once. */
  found: number;
  lost: string[];
  duplicated: string[];
  problems: string[];
  /** One line about what was checked besides the acknowledgements ("1,204 cards, …"). */
  checked: string;
}

export class UnexpectedReplyError extends Error {}
