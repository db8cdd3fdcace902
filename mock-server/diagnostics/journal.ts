/**
 * The request journal: what the mock saw and concluded for each request, bounded (oldest entries
 * drop). It holds ids, sizes and findings, never plaintext, private keys, tokens or bodies.
 */
import type { Finding, OmittedFindings } from './findings.ts';
import type { PrincipalType } from '../model.ts';

export interface JournalEntry {
  id: string;
  at: string;
  method: string;
  path: string;
  /** 0 when the connection closed before a response was sent. */
  status: number;
  duration_ms: number;
  principal: { type: PrincipalType; id: string } | null;
  key_id: string | null;
  backup_id: string | null;
  request: { content_type: string | null; content_length: number | null };
  /** At most MAX_FINDINGS findings; the rest are counted in faults_omitted. */
  faults: Finding[];
  faults_omitted?: OmittedFindings;
}

/** What a subscriber hears: each entry as it is recorded, and a clear (reset, or the journal emptied). */
export type JournalEvent = { type: 'recorded'; entry: JournalEntry } | { type: 'cleared' };

export class Journal {
  private readonly entries = new Map<string, JournalEntry>();
  private readonly listeners = new Set<(event: JournalEvent) => void>();

  constructor(private readonly limit: number) {}

  record(entry: JournalEntry): void {
    this.entries.set(entry.id, entry);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.emit({ type: 'recorded', entry });
  }

  get(id: string): JournalEntry | undefined {
    return this.entries.get(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The newest entries first, at most `limit`. */
  list(limit: number): JournalEntry[] {
    return [...this.entries.values()].slice(-limit).reverse();
  }

  /** The newest entries first that pass `accept`, at most `limit`; stops looking once it has them. */
  find(accept: (entry: JournalEntry) => boolean, limit: number): JournalEntry[] {
    const all = [...this.entries.values()];
    const found: JournalEntry[] = [];
    for (let i = all.length - 1; i >= 0 && found.length < limit; i--) {
      const entry = all[i] as JournalEntry;
      if (accept(entry)) found.push(entry);
    }
    return found;
  }

  clear(): void {
    this.entries.clear();
    this.emit({ type: 'cleared' });
  }

  /** How many listeners are subscribed (live streams open). */
  get subscribers(): number {
    return this.listeners.size;
  }

  /** Calls `listener` for every later event; returns the unsubscribe function. */
  subscribe(listener: (event: JournalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: JournalEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A listener (a live stream) failing must not fail the request being recorded.
        console.error(
          'coincover-mock: a journal listener failed:',
          error instanceof Error ? error.message : error,
        );
      }
    }
  }
}
