/**
 * Partner assignments in flight, by user and organisation. The 409 check (reference §3.1) must
 * see them: otherwise fifty identical requests arriving together all pass it, and each takes or
 * generates an RSA-4096 key (about a second each) only to be answered 409 at the end. Here the
 * second waits for the first, then finds its key and is answered 409 at once.
 */
export class AssignmentsInFlight {
  private readonly running = new Map<string, Promise<unknown>>();

  /** Runs `work` once no other assignment for this user and organisation is in flight. */
  async one<T>(
    userIdentifier: string,
    customerId: string | null,
    work: () => Promise<T>,
  ): Promise<T> {
    const slot = JSON.stringify([userIdentifier, customerId]);
    for (let earlier = this.running.get(slot); earlier; earlier = this.running.get(slot)) {
      await earlier.catch(() => undefined);
    }
    const mine = work();
    this.running.set(slot, mine);
    try {
      return await mine;
    } finally {
      if (this.running.get(slot) === mine) this.running.delete(slot);
    }
  }
}
