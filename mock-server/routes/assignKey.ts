/**
 * POST /v1/keys (operationId assignKey, reference §4.1): the standard assignment. Only
 * user_identifier and key_type are required; key_environment defaults to HOT, which is named as
 * the key_environment_defaulted warning (a common mistake in the institutional guides, §10).
 * The reference documents no 409 here, and an institution assigns one key per wallet or signer,
 * so a user may hold several keys.
 * validated body → issue (take or generate a key, sign, store) → 200.
 */
import type { AppDeps } from '../deps.ts';
import { finding } from '../diagnostics/findings.ts';
import { issueDeps } from '../http/domainDeps.ts';
import type { Call } from '../http/operation.ts';
import { assignRequestOf } from '../keys/assignRequest.ts';
import { issueKey } from '../keys/issueKey.ts';
import type { AssignKeyBody } from '../schemas/assignKey.ts';
import { DEFAULT_KEY_ENVIRONMENT } from '../schemas/fields.ts';

export function assignKey(deps: AppDeps) {
  const domain = issueDeps(deps);
  return async ({ body, principal, report }: Call<AssignKeyBody>) => {
    const keyEnvironment = body.key_environment ?? DEFAULT_KEY_ENVIRONMENT;
    const answer = await issueKey(
      domain,
      assignRequestOf(body, keyEnvironment, false),
      { id: principal.id, type: principal.type },
      report,
    );
    if (body.key_environment === undefined) {
      report.findings.add(
        finding(
          'key_environment_defaulted',
          `key_environment was not sent, so key ${answer.key_id} was assigned in ${DEFAULT_KEY_ENVIRONMENT}, for its whole life.`,
          { key_id: answer.key_id, key_environment: DEFAULT_KEY_ENVIRONMENT },
        ),
      );
    }
    return answer;
  };
}
