/** The records the store keeps are the domain model's (model.ts); named here for the store's users. */
export type { BackupRecord, KeyEnvironment, KeyRecord, KeyType, PrincipalType } from '../model.ts';
