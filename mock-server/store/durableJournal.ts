/**
 * The request journal behind a small interface, so that it can outlive the process: a JournalLog
 * keeps the entries (SqliteStore does, with --data-dir), and DurableJournal is the bounded
 * in-memory journal that reads it back at start and writes every entry through to it. Entries are
 * written when a response ends, after the request's own writes, so a kill can lose the newest
 * entries but never a key or backup that was acknowledged.
 */
import { Journal, type JournalEntry } from '../diagnostics/journal.ts';

export interface JournalLog {
  /** Appends an entry and drops all but the newest `limit`. */
  appendJournal(entry: JournalEntry, limit: number): void;
  /** The newest `limit` entries, oldest first. */
  recentJournal(limit: number): JournalEntry[];
  clearJournal(): void;
}

export class DurableJournal extends Journal {
  private failing = false;

  constructor(
    private readonly bound: number,
    private readonly log: JournalLog,
  ) {
    super(bound);
    for (const entry of log.recentJournal(bound)) super.record(entry);
  }

  override record(entry: JournalEntry): void {
    super.record(entry);
    try {
      this.log.appendJournal(entry, this.bound);
      this.failing = false;
    } catch (error) {
      // The response has gone already; the entry stays in memory. Say so once per failing spell.
      if (!this.failing)
        console.error(
          `coincover-mock: the journal could not be written to the data directory: ${(error as Error).message}`,
        );
      this.failing = true;
    }
  }

  override clear(): void {
    this.log.clearJournal();
    super.clear();
  }
}
