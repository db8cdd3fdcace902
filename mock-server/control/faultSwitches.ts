/**
 * Named fault switches, armed through the control plane (`POST /_mock/faults`) by plain-language
 * Given steps, to test the client's side of the contract. Each is armed for a number of uses.
 */
import { z } from 'zod';
import { SIGNATURE_FAULTS, type SignatureFault } from '../keys/signAssignment.ts';

export { SIGNATURE_FAULTS, type SignatureFault };
export const CONNECTION_FAULTS = ['drop_after_store'] as const;
/** internal_error: the next /v1 requests answer the documented 500 and do nothing (every operation lists 500). */
export const SERVER_FAULTS = ['internal_error'] as const;
/**
 * For the client's retry rule (docs/client-contract.md): the next store (secure/data or
 * secure/file) is answered, before anything is stored, with a transient 503 (an outcome the
 * client may retry byte-identically) or a definite 401 (one it must not resend).
 */
export const STORE_FAULTS = ['unavailable_before_store', 'unauthorized_before_store'] as const;
export const FAULT_SWITCHES = [
  ...SIGNATURE_FAULTS,
  ...CONNECTION_FAULTS,
  ...SERVER_FAULTS,
  ...STORE_FAULTS,
] as const;

export type FaultSwitch = (typeof FAULT_SWITCHES)[number];

export const ArmRequest = z.strictObject({
  fault: z.enum(FAULT_SWITCHES),
  /** How many matching requests it applies to. */
  times: z.number().int().min(1).max(1000).default(1),
});

export class FaultSwitches {
  private readonly armed = new Map<FaultSwitch, number>();

  arm(fault: FaultSwitch, times: number): void {
    this.armed.set(fault, (this.armed.get(fault) ?? 0) + times);
  }

  /** Consumes one use of `fault` if it is armed. */
  take(fault: FaultSwitch): boolean {
    const left = this.armed.get(fault) ?? 0;
    if (left <= 0) return false;
    if (left === 1) this.armed.delete(fault);
    else this.armed.set(fault, left - 1);
    return true;
  }

  takeSignatureFault(): SignatureFault | undefined {
    return SIGNATURE_FAULTS.find((fault) => this.take(fault));
  }

  list(): Record<string, number> {
    return Object.fromEntries(this.armed);
  }

  clear(): void {
    this.armed.clear();
  }
}
