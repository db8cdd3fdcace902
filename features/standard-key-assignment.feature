Feature: Assigning keys through the standard endpoint (Recovery for Institutions)
  Institutions back up their own wallets through POST /v1/keys, with no partner scope: only
  user_identifier and key_type are required and key_environment defaults to HOT. Backup-signer
  keys are secp256k1 (a compressed public key) and ed25519, signed by the enclave key like RSA keys.

  Background:
    Given requests are authenticated with the API key "test-standard-key"

  Scenario Outline: A <key type> key is assigned in the <environment> environment and signed
    When a <environment> <key type> key is assigned on the standard endpoint
    Then the request succeeds with no fault named
    And the response matches its documented schema
    And the public key is the hex of a <key type> public key
    And the mock holds the key in the <environment> environment
    And the signature verifies against the published JWKS
    And the signature verifies with @noble/curves too
    And the signature verifies with the OpenSSL command line

    Examples:
      | key type  | environment |
      | rsa4096   | COLD        |
      | secp256k1 | HOT         |
      | secp256k1 | COLD        |
      | ed25519   | HOT         |
      | ed25519   | COLD        |

  Scenario: Without key_environment the key is HOT for life, and the default is named
    When a secp256k1 key is assigned on the standard endpoint without naming an environment
    Then the response status is 200
    And the mock names the fault "key_environment_defaulted"
    And the mock holds the key in the HOT environment

  Scenario Outline: sign_with binds the key_fingerprint of a <key type> key: SHA-256 of its public key bytes
    When a COLD <key type> key is assigned on the standard endpoint binding "key_fingerprint, key_id, external_customer_id"
    Then the request succeeds with no fault named
    And the signed payload is the canonical JSON of the public key and "key_fingerprint, key_id, external_customer_id"
    And the signature verifies against the published JWKS
    And the signature verifies with @noble/curves too

    Examples:
      | key type  |
      | secp256k1 |
      | ed25519   |

  Scenario: A user may hold several keys: the standard endpoint documents no 409
    When a HOT secp256k1 key is assigned on the standard endpoint
    And another HOT secp256k1 key is assigned to the same user on the standard endpoint
    Then the response status is 200
    And the keys are all different

  Scenario: A partner token is accepted too
    Given requests are authenticated with the API key "test-partner-key"
    When a COLD ed25519 key is assigned on the standard endpoint
    Then the request succeeds with no fault named

  Scenario Outline: Malformed standard assignments get a field-keyed 400
    When POST "/v1/keys" is sent with the JSON body:
      """
      <body>
      """
    Then the response status is 400
    And the error body is field-keyed on "<field>"
    And the mock names the fault "request_invalid"
    And the response matches its documented schema

    Examples:
      | field           | body                                                                    |
      | user_identifier | {"key_type": "ed25519"}                                                 |
      | key_type        | {"user_identifier": "a@b.test"}                                         |
      | key_type        | {"user_identifier": "a@b.test", "key_type": "secp256r1"}                |
      | key_environment | {"user_identifier": "a@b.test", "key_type": "ed25519", "key_environment": "hot"} |
