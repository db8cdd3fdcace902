Feature: Authenticating to the Partner Key Service
  Every /v1 route takes a bearer token: a long-lived API key or a JWT. Partner routes need the
  partner-endpoint scope (wallet-provider testing page: 401 and 403).

  Scenario Outline: A request without valid credentials is refused with 401
    Given <credentials>
    When a HOT rsa4096 key is assigned
    Then the response status is 401
    And the error body has the documented shape
    And the mock names the fault "<fault>"

    Examples:
      | credentials                                                  | fault        |
      | requests carry no Authorization header                     | auth_missing |
      | requests are authenticated with the API key "not-a-real-key"   | auth_invalid |
      | requests carry the Authorization header "Basic dXNlcjpwdw==" | auth_invalid |
      | requests are authenticated with an expired JWT                               | auth_expired |
      | requests are authenticated with a JWT whose signature was tampered with      | auth_invalid |
      | requests are authenticated with an unsigned JWT with alg none                | auth_invalid |

  Scenario Outline: A valid token without the partner-endpoint scope is refused with 403
    Given <credentials>
    When a HOT rsa4096 key is assigned
    Then the response status is 403
    And the error is "Forbidden" with the documented SCOPE_MISSING message
    And the mock names the fault "scope_missing"

    Examples:
      | credentials                                                   |
      | requests are authenticated with the API key "test-standard-key" |
      | requests are authenticated with a JWT without the partner-endpoint scope      |

  Scenario: A JWT with the partner-endpoint scope is accepted
    Given requests are authenticated with a JWT with the partner-endpoint scope
    When a HOT rsa4096 key is assigned binding "pulled_by_type"
    Then the request succeeds with no fault named
    And the signed payload is the canonical JSON of the public key and "pulled_by_type"

  Scenario: Every route answers every kind of bad credential as documented
    Then every /v1 route answers each credential as documented:
      | credentials                             | partner route              | other route           |
      | no Authorization header                 | 401 auth_missing           | 401 auth_missing      |
      | the Basic scheme                        | 401 auth_invalid           | 401 auth_invalid      |
      | garbage                                 | 401 auth_invalid           | 401 auth_invalid      |
      | an unknown API key                      | 401 auth_invalid           | 401 auth_invalid      |
      | an expired JWT                          | 401 auth_expired           | 401 auth_expired      |
      | a JWT with a bad signature              | 401 auth_invalid           | 401 auth_invalid      |
      | a JWT signed with alg none              | 401 auth_invalid           | 401 auth_invalid      |
      | a valid token without the partner scope | 403 scope_missing          | passes authentication |
