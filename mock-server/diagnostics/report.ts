/**
 * What a domain operation reports besides its result: the findings it made and the key and
 * backup it touched, kept even when it ends in an error. The HTTP edge hands in its request
 * context (which is one, and journals it); a unit test hands in a fresh one and reads it back.
 */
import { FindingList } from './findings.ts';

export interface Report {
  readonly findings: FindingList;
  keyId?: string;
  backupId?: string;
}

export const newReport = (): Report => ({ findings: new FindingList() });
