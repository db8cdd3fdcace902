/**
 * `POST /_mock/reset` against requests in flight. A store loads its key, awaits the RSA worker,
 * then writes; a reset in between would leave it writing a backup under a key the reset removed
 * (acknowledged 200 in memory, a FOREIGN KEY 500 on --data-dir). So /v1 handlers run inside the
 * fence and a reset runs alone: it waits for the handlers in flight, and new ones wait for it.
 * Every request then happens wholly before the reset or wholly after it.
 */
export class ResetFence {
  private inFlight = 0;
  private drained: (() => void) | undefined;
  private resetting: Promise<void> | undefined;

  /** Runs a request's handler; it waits while a reset is pending or running. */
  async during<T>(work: () => Promise<T>): Promise<T> {
    while (this.resetting) await this.resetting;
    this.inFlight += 1;
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) this.drained?.();
    }
  }

  /** Runs `reset` once no handler is in flight, holding new ones back until it is done. */
  async alone<T>(reset: () => T): Promise<T> {
    while (this.resetting) await this.resetting;
    let done!: () => void;
    this.resetting = new Promise<void>((resolve) => (done = resolve));
    try {
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      return reset();
    } finally {
      this.drained = undefined;
      this.resetting = undefined;
      done();
    }
  }

  stats(): { in_flight: number } {
    return { in_flight: this.inFlight };
  }
}
