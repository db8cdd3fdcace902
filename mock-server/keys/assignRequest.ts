/**
 * What an assignment asks for, from either assign request (reference §3.1, §4.1): the validated
 * body (schemas/assignKey.ts) in the domain's words, as issueKey takes it.
 */
import type { KeyEnvironment, KeyType } from '../model.ts';
import type { AssignKeyBody } from '../schemas/assignKey.ts';
import { distinctFields, type SignWithField } from '../schemas/signWith.ts';

export interface AssignRequest {
  userIdentifier: string;
  keyType: KeyType;
  keyEnvironment: KeyEnvironment;
  customerId: string | null;
  customerName: string | null;
  packageId: string | null;
  packageName: string | null;
  signWith: readonly SignWithField[] | undefined;
  /** Partner assignments answer 409 for a second key per user and organisation (reference §3.1); standard ones do not (§4.1). */
  uniquePerUser: boolean;
}

/** The fields issueKey takes, from either request. */
export function assignRequestOf(
  body: AssignKeyBody,
  keyEnvironment: KeyEnvironment,
  uniquePerUser: boolean,
): AssignRequest {
  return {
    userIdentifier: body.user_identifier,
    keyType: body.key_type,
    keyEnvironment,
    customerId: body.organisation?.customer_id ?? null,
    customerName: body.organisation?.customer_name ?? null,
    packageId: body.package?.package_id ?? null,
    packageName: body.package?.package_name ?? null,
    signWith: body.sign_with === undefined ? undefined : distinctFields(body.sign_with),
    uniquePerUser,
  };
}
