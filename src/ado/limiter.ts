// A counting semaphore with priorities: at most `size` holders at once; waiters are served highest
// priority first, then in arrival order. Continuation-token chains ask with a higher priority than fan-out
// batches, so a long sequential chain is not stuck behind a queue of independent requests.

export interface Limiter {
  acquire(priority?: number): Promise<() => void>;
  readonly active: number;
  readonly waiting: number;
}

export function createLimiter(size: number): Limiter {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`concurrency must be a positive integer, got ${size}`);
  let active = 0;
  let arrivals = 0;
  const waiting: Array<{ priority: number; order: number; grant: () => void }> = [];
  const release = () => {
    if (waiting.length === 0) {
      active--;
      return;
    }
    let best = 0;
    for (let i = 1; i < waiting.length; i++) {
      const w = waiting[i]!;
      const b = waiting[best]!;
      if (w.priority > b.priority || (w.priority === b.priority && w.order < b.order)) best = i;
    }
    // The slot passes directly from the releaser to the waiter, so `active` stays counted.
    waiting.splice(best, 1)[0]!.grant();
  };
  const releaser = () => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
    };
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
    acquire(priority = 0) {
      if (active < size) {
        active++;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve) => waiting.push({ priority, order: arrivals++, grant: () => resolve(releaser()) }));
    },
  };
}
