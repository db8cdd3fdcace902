/**
 * The journal's filters, `GET /_mock/requests?fault=&status=&path=&key_id=&since=&limit=`: one
 * zod schema validates the query (the route, the live stream and the control plane's OpenAPI
 * document all use it), and one predicate applies it.
 */
import { z } from 'zod';
import { FAULT_CODES, type FaultCode } from '../diagnostics/findings.ts';
import type { JournalEntry } from '../diagnostics/journal.ts';

/** How many entries one listing returns at most. */
export const JOURNAL_PAGE_MAX = 1000;

export const JournalQuery = z.strictObject({
  fault: z
    .enum(FAULT_CODES as [FaultCode, ...FaultCode[]], {
      error: 'not a fault code of the catalogue (GET /_mock/catalogue lists them)',
    })
    .optional()
    .meta({
      description: 'Only entries with a finding of this fault code (from the fault catalogue).',
    }),
  status: z
    .string()
    .regex(
      /^(0|[1-5]xx|[1-5]\d\d)$/,
      'must be a status code (400), a class (4xx), or 0 for a connection closed before an answer',
    )
    .optional()
    .meta({
      description:
        'An exact status (400), a status class (4xx), or 0: the connection closed before an answer.',
    }),
  path: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .meta({ description: 'Only entries whose request path contains this text (case-sensitive).' }),
  key_id: z.uuid().optional().meta({ description: 'Only entries that touched this key.' }),
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Only entries recorded at or after this time (ISO 8601), for polling.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(JOURNAL_PAGE_MAX)
    .default(50)
    .meta({ description: `How many entries at most, newest first (1 to ${JOURNAL_PAGE_MAX}).` }),
});

export type JournalFilter = z.output<typeof JournalQuery>;

/** True when an entry passes every filter given (limit is the caller's business). */
export function matchesFilter(entry: JournalEntry, filter: JournalFilter): boolean {
  if (filter.fault && !entry.faults.some((f) => f.code === filter.fault)) return false;
  if (filter.status !== undefined) {
    const status = String(entry.status);
    if (
      filter.status.endsWith('xx')
        ? status.length !== 3 || status[0] !== filter.status[0]
        : status !== filter.status
    )
      return false;
  }
  if (filter.path !== undefined && !entry.path.includes(filter.path)) return false;
  if (filter.key_id !== undefined && entry.key_id !== filter.key_id) return false;
  if (filter.since !== undefined && Date.parse(entry.at) < Date.parse(filter.since)) return false;
  return true;
}
