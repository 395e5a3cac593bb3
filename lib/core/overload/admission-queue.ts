/** How many requests run at once, how many may wait for a turn, and how long anyone may wait. */
export interface AdmissionLimits {
  maxConcurrent: number;
  maxQueued: number;
  maxWaitMs: number;
}

/**
 * Admission control for one server process: every request waits here, in arrival order, until
 * the caller starts it; at most `maxConcurrent` are started and not yet finished. A request that
 * finds `maxQueued` others waiting is refused at once (`arrive` returns false), and one that has
 * waited `maxWaitMs` is taken out to be refused (`expire`): no request waits longer than that,
 * however slow the running ones are. Times (ms) are injected.
 */
export class AdmissionQueue<T> {
  #running = 0;
  /** Waiting requests and when each arrived; a Map iterates in insertion (arrival) order. */
  readonly #waiting = new Map<T, number>();

  constructor(readonly limits: AdmissionLimits) {}

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.size;
  }

  /** True when the request waits its turn, false when it is to be refused now. */
  arrive(request: T, now: number): boolean {
    if (this.#waiting.size >= this.limits.maxQueued) return false;
    this.#waiting.set(request, now);
    return true;
  }

  /** The longest-waiting request, now counted as running; none while `maxConcurrent` run. */
  start(): T | undefined {
    if (this.#running >= this.limits.maxConcurrent) return undefined;
    for (const request of this.#waiting.keys()) {
      this.#waiting.delete(request);
      this.#running += 1;
      return request;
    }
    return undefined;
  }

  /** A started request ended (answered or abandoned). */
  finish(): void {
    this.#running = Math.max(0, this.#running - 1);
  }

  /** A waiting request whose client went away; false when it was not waiting (any more). */
  leave(request: T): boolean {
    return this.#waiting.delete(request);
  }

  /** Removes and returns, oldest first, the waiting requests that have waited `maxWaitMs`. */
  expire(now: number): T[] {
    const expired: T[] = [];
    for (const [request, since] of this.#waiting) {
      if (now - since < this.limits.maxWaitMs) break; // arrival order: the rest waited less
      this.#waiting.delete(request);
      expired.push(request);
    }
    return expired;
  }
}
