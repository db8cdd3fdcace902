Feature: The mock's control plane and request journal
  Under /_mock, never part of the faithful surface: health, reset, test tokens, and a journal of
  what the mock saw and concluded for every request, found by the x-request-id response header.

  Scenario: The mock reports its health
    When GET "/_mock/health" is sent
    Then the mock reports itself healthy

  Scenario: Every response carries a request id the journal knows
    When a HOT rsa4096 key is assigned
    Then the response carries a request id that the journal knows
    And the journal entry shows POST "/v1/partner/keys" answered 200 with no faults

  Scenario: The journal keeps no secrets
    Given a HOT rsa4096 key is assigned
    When a seed phrase is backed up under the key
    Then the response status is 200
    And the journal holds no plaintext, token or private key

  Scenario Outline: A rejected store changes nothing
    Given a HOT rsa4096 key is assigned
    And the store counts are noted
    When a seed phrase is backed up under the key, encrypted by the OpenSSL command line with "<options>"
    Then the response status is 400
    And nothing was stored

    Examples:
      | options                                                        |
      | rsa_padding_mode:oaep rsa_oaep_md:sha256 rsa_mgf1_md:sha1       |
      | rsa_padding_mode:pkcs1                                         |

  Scenario: A reset forgets assigned keys but keeps seeded ones
    Given a HOT rsa4096 key is assigned
    When the mock is reset
    And a seed phrase is backed up under the key
    Then the response status is 404
    And the mock names the fault "unknown_public_key"
    When independent-client vector 11 is sent
    Then the mock answers as independent-client vector 11 expects

  Scenario: An unknown route is a 404 and a wrong method a 405
    When GET "/v1/partner/nothing-here" is sent
    Then the response status is 404
    And the error body has the documented shape
    When GET "/v1/partner/keys" is sent
    Then the response status is 405
    And the error body has the documented shape

  Scenario: An unknown control endpoint answers a problem document
    When GET "/_mock/nothing-here" is sent
    Then the control plane answers 404 with a problem document

  Scenario: With --control-token the control plane needs the token, health excepted
    Given a mock of the scenario's own, started with "--control-token correct-horse-battery-staple"
    When GET "/_mock/requests" is sent
    Then the control plane answers 401 with a problem document
    When GET "/_mock/requests" is sent with the header "x-mock-control-token" set to "wrong-horse-battery-staple"
    Then the control plane answers 401 with a problem document
    When GET "/_mock/requests" is sent with the header "x-mock-control-token" set to "correct-horse-battery-staple"
    Then the response status is 200
    When GET "/_mock/health" is sent
    Then the mock reports itself healthy
