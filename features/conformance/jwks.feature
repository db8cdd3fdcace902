@conformance
Feature: The client trusts only eligible JWKS keys, fetched without redirects
  The assignment carries no kid: the client tries every eligible key of the JWK Set and, when
  none verifies, fetches the set once more (a rotation). Eligible means EC, P-256, ES256, use sig,
  coincover:purposes with assignment-sig and a coincover:validFrom already reached. A JWKS that
  redirects is not followed. The runner serves the JWKS itself and records each fetch.

  @req-jwks-rotation
  Scenario: The signing key is published after the client's first fetch
    Given the JWKS publishes the signing key only after the client's first fetch
    When the client backs up its recovery material in a HOT key, with that JWKS
    Then the client fetched the JWKS again and stored its backup

  @req-jwks-ineligible
  Scenario Outline: The assignment is signed by a JWKS key with <flaw>
    Given the JWKS publishes the signing key with "<flaw>"
    When the client backs up its recovery material in a HOT key, with that JWKS
    Then the client refuses the key signed by the ineligible JWKS key, and stores nothing

    Examples:
      | flaw                             |
      | a purpose without assignment-sig |
      | a validFrom in the future        |
      | the alg ES384                    |

  @req-jwks-no-redirect
  Scenario: The JWKS URL answers with a redirect
    Given the JWKS URL answers with a redirect to the signing keys
    When the client backs up its recovery material in a HOT key, with that JWKS
    Then the client does not follow the redirect, and stores nothing
