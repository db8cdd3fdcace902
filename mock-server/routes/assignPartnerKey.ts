/**
 * POST /v1/partner/keys (operationId partnerAssignKey, reference §3.1).
 * validated body → issue (take key, sign, store) → 200.
 */
import type { AppDeps } from '../deps.ts';
import { issueDeps } from '../http/domainDeps.ts';
import type { Call } from '../http/operation.ts';
import { assignRequestOf } from '../keys/assignRequest.ts';
import { issueKey } from '../keys/issueKey.ts';
import type { PartnerAssignKeyBody } from '../schemas/assignKey.ts';

export function assignPartnerKey(deps: AppDeps) {
  const domain = issueDeps(deps);
  return ({ body, principal, report }: Call<PartnerAssignKeyBody>) =>
    issueKey(
      domain,
      assignRequestOf(body, body.key_environment, true),
      { id: principal.id, type: principal.type },
      report,
    );
}
