/**
 * Reading the mock's request journal from outside: what a client did between two moments is
 * every entry newer than the newest one before it started.
 */
import { request } from 'undici';
import type { FaultCode } from '../mock-server/diagnostics/findings.ts';

export interface JournalEntry {
  id: string;
  method: string;
  path: string;
  status: number;
  key_id: string | null;
  backup_id: string | null;
  faults: Array<{
    code: FaultCode;
    message: string;
    fix: Record<string, string>;
    details?: Record<string, unknown>;
  }>;
}

async function newest(baseUrl: string, limit: number): Promise<JournalEntry[]> {
  const answer = await request(`${baseUrl}/_mock/requests?limit=${limit}`);
  return ((await answer.body.json()) as { requests: JournalEntry[] }).requests;
}

/** The id of the newest entry: the marker to read from later. */
export async function journalMarker(baseUrl: string): Promise<string | undefined> {
  return (await newest(baseUrl, 1))[0]?.id;
}

/** Entries newer than `marker`, oldest first. */
export async function journalSince(
  baseUrl: string,
  marker: string | undefined,
): Promise<JournalEntry[]> {
  const entries = await newest(baseUrl, 1000);
  const end =
    marker === undefined ? entries.length : entries.findIndex((entry) => entry.id === marker);
  return entries.slice(0, end < 0 ? entries.length : end).reverse();
}
