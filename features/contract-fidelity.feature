@fidelity
Feature: Faithful to the published contract
  The mock refuses only what the published documents forbid, or what no real service could
  accept. Everything else they allow is accepted; where it looks like a mistake it is named as a
  warning in x-mock-faults and the journal, because a gate that fails what production accepts
  is one teams stop trusting. A mock started with --strict-requests holds the client to the
  narrowest reading instead, and refuses the same requests as it used to.

  Scenario: An unknown field is ignored and named, with the documented name it most likely meant
    When POST "/v1/keys" is sent with the JSON body:
      """
      {"user_identifier": "typo@example.test", "key_type": "ed25519", "key_enviroment": "COLD"}
      """
    Then the response status is 200
    And the mock names the faults "field_unknown, key_environment_defaulted"
    And the journal details of "field_unknown" include "suggestion" = "key_environment"

  Scenario: A misspelt checksum field beside the real one is ignored and named
    Given the rsa4096 key seeded for the vectors is the key
    When a seed phrase is backed up under the key with the extra field "checksum_sha256"
    Then the backup is stored as data with its checksum and size
    And the mock names the fault "field_unknown"
    And the journal details of "field_unknown" include "suggestion" = "checksum"

  Scenario: An unknown field in organisation is ignored and named
    When a HOT ed25519 key is assigned with the extra organisation field "custmer_name"
    Then the response status is 200
    And the mock names the fault "field_unknown"
    And the journal details of "field_unknown" include "field" = "organisation.custmer_name"
    And the journal details of "field_unknown" include "suggestion" = "customer_name"

  Scenario: An unknown metadata field is ignored and named, and kept out of the stored metadata
    Given the rsa4096 key seeded for the vectors is the key
    When a seed phrase is backed up under the key with the metadata '{"description": "seed phrase backup", "colour": "red"}'
    Then the backup is stored as data with its checksum and size
    And the mock names the fault "field_unknown"
    And the journal details of "field_unknown" include "field" = "metadata.colour"
    And the stored metadata has no "colour"

  Scenario: A user_identifier longer than any real one is accepted and named
    When a HOT ed25519 key is assigned with a user_identifier of 300 characters
    Then the response status is 200
    And the mock names the fault "field_length_unusual"
    And the journal details of "field_length_unusual" include "field" = "user_identifier"

  Scenario: A sign_with field listed twice is bound once and named
    When a HOT ed25519 key is assigned with sign_with '["key_id", "user_id", "key_id"]'
    Then the response status is 200
    And the mock names the fault "sign_with_repeated"
    And the signed payload is the canonical JSON of the public key and "key_id, user_id"
    And the signature verifies against the published JWKS
    And the signature verifies with @noble/curves too

  Scenario: A sign_with field the request gives no value is bound as the empty string and named
    When a HOT ed25519 key is assigned binding "external_customer_id, key_id" without an organisation id
    Then the response status is 200
    And the mock names the fault "sign_with_unresolved"
    And the signed payload binds "external_customer_id" to ""
    And the signature verifies against the published JWKS
    And the signature verifies with @noble/curves too

  Scenario: Files between 10,000,000 bytes and 10 MiB are stored and named
    Given the rsa4096 key seeded for the vectors is the key
    When an encrypted file of 10000001 bytes is uploaded under the key
    Then the file is stored under the key
    And the mock names the fault "file_size_ambiguous"
    When an encrypted file of 10485760 bytes is uploaded under the key
    Then the file is stored under the key
    And the mock names the fault "file_size_ambiguous"

  Scenario: Without a checksum, the standard store answers none rather than null
    Given the rsa4096 key seeded for the vectors is the key
    When "chain code 1" is backed up under the key on the standard endpoint without a checksum
    Then the backup is stored without a checksum
    And the response matches its documented schema

  Scenario: A validation error names each field and its problem in a string message
    Given the rsa4096 key seeded for the vectors is the key
    When a seed phrase is backed up under the key with these fields changed:
      | checksum     | not-a-sha256 |
      | padding_type | PKCS1        |
    Then the response status is 400
    And the error body has the documented shape
    And the error body is field-keyed on "checksum"
    And the error body is field-keyed on "padding_type"
    And the journal details of "checksum_format" include "field" = "checksum"

  @own-mock
  Scenario Outline: Under --strict-requests, <what> is refused as it used to be
    Given a mock of the scenario's own, started with "--strict-requests"
    And a COLD rsa4096 key is assigned
    And the store counts are noted
    When <request>
    Then the response status is <status>
    And the error body has the documented shape
    And the mock names the fault "<fault>"
    And nothing was stored

    Examples:
      | what                                | request                                                                                   | status | fault             |
      | an unknown field                    | a seed phrase is backed up under the key with the extra field "checksum_sha256"                  | 400    | request_invalid   |
      | an unknown field in organisation    | a HOT rsa4096 key is assigned with the extra organisation field "custmer_name"             | 400    | request_invalid   |
      | an unknown metadata field           | a seed phrase is backed up under the key with the metadata '{"colour": "red"}'                   | 400    | request_invalid   |
      | a user_identifier of 300 characters | a HOT rsa4096 key is assigned with a user_identifier of 300 characters                     | 400    | request_invalid   |
      | a sign_with field listed twice      | a HOT rsa4096 key is assigned with sign_with '["key_id", "key_id"]'                        | 400    | sign_with_invalid |
      | a sign_with field with no value     | a HOT rsa4096 key is assigned binding "external_customer_id" without an organisation id    | 400    | sign_with_invalid |
      | a file of 10,000,001 bytes          | an encrypted file of 10000001 bytes is uploaded under the key                                    | 413    | file_too_large    |

  @own-mock
  Scenario: With --validation-errors object, a validation error's message is keyed by field
    Given a mock of the scenario's own, started with "--validation-errors object"
    And a HOT rsa4096 key is assigned
    When a seed phrase is backed up under the key with these fields changed:
      | checksum | not-a-sha256 |
    Then the response status is 400
    And the error body is an object of problems keyed on "checksum"
    And the mock names the fault "checksum_format"
