Feature: Assigning an RSA-4096 key to a customer
  A wallet provider asks CoinCover to assign a key to a customer. The mock generates a real
  RSA-4096 key pair, returns the public key as hex of its DER SubjectPublicKeyInfo, and signs it
  with the test enclave key published in the JWKS.

  Scenario Outline: A <environment> key is assigned and signed
    When a <environment> rsa4096 key is assigned
    Then the request succeeds with no fault named
    And the response carries the key with its documented fields
    And the public key is the hex of an rsa4096 public key
    And the signature verifies against the published JWKS
    And the signature verifies with @noble/curves too
    And the signature verifies with the OpenSSL command line

    Examples:
      | environment |
      | HOT         |
      | COLD        |

  Scenario: The JWKS publishes the enclave signing key as documented
    When a HOT rsa4096 key is assigned
    Then the response status is 200
    And the JWKS publishes the enclave key as documented

  Scenario: Two customers get two different keys
    Given "alice@acme.io" of organisation "org-123" holds a HOT rsa4096 key called "alice's"
    And "bob@beta.io" of organisation "org-456" holds a HOT rsa4096 key called "bob's"
    Then the response status is 200
    And the keys are all different

  Scenario: A second assignment for the same user and organisation is refused
    When a HOT rsa4096 key is assigned
    And another HOT rsa4096 key is assigned to the same user
    Then the response status is 409
    And the error is "Conflict" with the documented KEY_ALREADY_ASSIGNED message
    And the mock names the fault "duplicate_assignment"

  Scenario: sign_with binds the requested fields into a canonical signed payload
    When a COLD rsa4096 key is assigned binding "external_customer_id, external_package_id, user_id, key_id, key_fingerprint, pulled_by_type, pulled_by_id"
    Then the request succeeds with no fault named
    And the signed payload is the canonical JSON of the public key and "external_customer_id, external_package_id, user_id, key_id, key_fingerprint, pulled_by_type, pulled_by_id"
    And the signature verifies against the published JWKS
    And the signature verifies with @noble/curves too
    And the signature verifies with the OpenSSL command line
    And no signed value reveals the API key

  Scenario Outline: sign_with requests the documentation forbids are refused
    When a HOT rsa4096 key is assigned with sign_with '<sign_with>'
    Then the response status is 400
    And the error body is field-keyed on "sign_with"
    And the mock names the fault "sign_with_invalid"

    Examples:
      | sign_with                                 | why                   |
      | ["public_key"]                            | always signed         |
      | ["customer_name"]                         | not a bindable field  |

  Scenario Outline: Malformed assignment requests get a field-keyed 400
    When POST "/v1/partner/keys" is sent with the JSON body:
      """
      <body>
      """
    Then the response status is 400
    And the error body is field-keyed on "<field>"
    And the mock names the fault "request_invalid"

    Examples:
      | field           | body                                                                                                                                  |
      | user_identifier | {"key_type": "rsa4096", "key_environment": "HOT", "organisation": {}, "package": {}}                                                  |
      | key_environment | {"user_identifier": "a@b.test", "key_type": "rsa4096", "organisation": {}, "package": {}}                                             |
      | key_type        | {"user_identifier": "a@b.test", "key_type": "rsa2048", "key_environment": "HOT", "organisation": {}, "package": {}}                  |
      | organisation    | {"user_identifier": "a@b.test", "key_type": "rsa4096", "key_environment": "HOT", "package": {}}                                       |
      | body            | ["not", "an", "object"]                                                                                                               |

  Scenario Outline: A <key type> backup-signer key is assigned on the partner endpoint
    When a HOT <key type> key is assigned
    Then the request succeeds with no fault named
    And the public key is the hex of a <key type> public key
    And the signature verifies against the published JWKS
    And the signature verifies with @noble/curves too

    Examples:
      | key type  |
      | secp256k1 |
      | ed25519   |
