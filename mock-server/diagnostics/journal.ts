/**
 * The request journal: what the mock saw and concluded for each request, bounded (oldest entries
 * drop). It holds ids, sizes and findings, never plaintext, private keys, tokens or bodies.
 */
import type { Finding } from './findings.ts';
import type { PrincipalType } from '../store/records.ts';

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
  faults: Finding[];
}

export class Journal {
  private readonly entries = new Map<string, JournalEntry>();

  constructor(private readonly limit: number) {}

  record(entry: JournalEntry): void {
    this.entries.set(entry.id, entry);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get(id: string): JournalEntry | undefined {
    return this.entries.get(id);
  }

  /** The newest entries first, at most `limit`. */
  list(limit: number): JournalEntry[] {
    return [...this.entries.values()].slice(-limit).reverse();
  }

  clear(): void {
    this.entries.clear();
  }
}
