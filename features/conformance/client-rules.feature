@conformance
Feature: The client follows the contract's rules on URLs and secrets
  The API key travels to COINCOVER_BASE_URL, so plain http:// is accepted only for the local
  machine (localhost, 127.0.0.1, [::1]); anything else is refused before any request, with an
  error naming the variable. Nothing secret is printed: not the API key, not the recovery
  material, in any encoding (plain, hex, base64, base64url).

  @req-https-only
  Scenario: The client refuses a plain http:// URL for a non-local host
    When the client is given a plain http:// base URL for a non-local host
    Then it refuses before any connection, naming the variable

  @req-no-secret-in-output
  Scenario: The client prints nothing secret
    When the client backs up its recovery material in a HOT key
    Then nothing secret is on its stdout or stderr
