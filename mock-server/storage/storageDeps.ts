/** The collaborators and rules of the storage operations, handed in by the HTTP edge (or a test). */
import type { RsaWorkerPool } from '../crypto/rsaWorkerPool.ts';
import type { Store } from '../store/store.ts';

export interface StorageDeps {
  store: Store;
  /** Private-key operations, off the HTTP event loop. */
  rsa: RsaWorkerPool;
  rules: StorageRules;
}

export interface StorageRules {
  /** --strict-requests: the narrow reading of the file part's filename. */
  strict: boolean;
  /** --opaque-errors: every failed verification does the same work (the full diagnosis). */
  constantWork: boolean;
  /** --wrong-key-candidates: how many other keys a ciphertext that decrypts under none is tried with. */
  wrongKeyCandidates: number;
}
