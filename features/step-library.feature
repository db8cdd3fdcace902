Feature: The public step library, as a QA team writes with it
  The steps of docs/steps.md that the other features do not need: named users and organisations
  (made unique per scenario behind the scenes), aliases, named encryption mistakes, fault
  switches, raw headers, a mock the scenario kills, and the integration under test.

  Scenario: A named user of a named organisation holds a key, and the answer carries their names
    Given the user "alice@acme.io" of organisation "org-123" with package "pkg-9"
    When a COLD rsa4096 key called "treasury" is assigned
    Then the response carries the key with its documented fields
    And the mock holds the key "treasury" in the COLD environment

  Scenario: Two scenarios' users of the same name do not collide, and a second user is a new customer
    Given "alice@acme.io" of organisation "org-123" holds a HOT rsa4096 key
    And another user of another organisation
    When a HOT rsa4096 key is assigned
    Then the response status is 200
    And the keys are all different

  Scenario: A backup called by its alias is verified by its alias
    Given the user "carol@acme.io" of organisation "org-789"
    And a HOT rsa4096 key called "hot" is assigned
    And the response status is 200
    When a seed phrase called "treasury" is backed up under the key "hot"
    Then the backup is stored as data with its checksum and size
    When the backup "treasury" is verified
    Then the backup is reported valid with the VALID message

  Scenario: The same backup sent twice is named a replay
    Given a HOT rsa4096 key is assigned
    And a seed phrase is backed up under the key
    And the response status is 200
    When the same backup is sent again
    Then the mock names the fault "replayed_ciphertext"

  Scenario Outline: A backup <mistake> is named <fault>
    Given a HOT rsa4096 key is assigned
    And the store counts are noted
    When a seed phrase is backed up under the key <mistake>
    Then the mock names the fault "<fault>"
    And the error body has the documented shape
    And nothing was stored

    Examples:
      | mistake                                          | fault                           |
      | encrypted with MGF1 SHA-1                        | oaep_mgf1_mismatch              |
      | encrypted with OAEP SHA-1                        | oaep_hash_mismatch              |
      | encrypted with an OAEP label                     | oaep_label                      |
      | encrypted with PKCS#1 v1.5 padding               | pkcs1_v15_padding               |
      | encrypted with no padding                        | no_padding                      |
      | not encrypted at all                             | not_encrypted                   |
      | with the ciphertext one byte short               | ciphertext_length               |
      | with the data in hex                             | data_encoding                   |
      | with the data in base64url                       | data_encoding                   |
      | with the checksum over the ciphertext            | checksum_over_ciphertext        |
      | with the checksum over the encoded plaintext     | checksum_over_encoded_plaintext |
      | with the checksum of other data                  | checksum_mismatch               |
      | with padding_type PKCS1                          | padding_type_unsupported        |
      | naming the public key with its last byte dropped | public_key_off_by_one           |
      | naming the public key as PKCS#1 hex              | public_key_format               |

  Scenario: A header on every request is sent as it is
    Given requests carry the header "authorization" set to "Bearer test-standard-key"
    When a HOT rsa4096 key is assigned
    Then the response status is 403
    And the error is "Forbidden" with the message "Token lacks partner-endpoint scope"

  Scenario: A fault switch fails the next requests, and only those
    Given the fault switch internal_error is armed for 2 requests
    When a HOT rsa4096 key is assigned
    Then the response status is 500
    When a HOT rsa4096 key is assigned
    Then the response status is 500
    When a HOT rsa4096 key is assigned
    Then the request succeeds with no fault named

  Scenario: A transient 503 before a store is the documented error
    Given a HOT rsa4096 key is assigned
    And the fault switch unavailable_before_store is armed
    When a seed phrase is backed up under the key
    Then the response status is 503
    And the error is "Service Unavailable" with the documented UNAVAILABLE message

  Scenario: A mock killed with SIGKILL keeps what it answered 200
    Given a mock of the scenario's own on a new data directory
    And a HOT ed25519 key is assigned
    And the response status is 200
    When the mock is killed with SIGKILL
    And the mock is started again on the same data directory
    Then the mock holds 1 key and 0 backups

  Scenario: The integration under test backs up the material it is given
    Given the integration under test is the reference client
    When the integration backs up "treasury wallet chain code" in a COLD key
    Then the integration succeeds and reports its key and backups
    And the mock saw the whole flow under its key with no fault

  Scenario: The integration refuses a key whose signature is forged
    Given the integration under test is the reference client
    And the fault switch forged_signature is armed
    When the integration backs up "treasury wallet chain code"
    Then the integration exits 3

  @unchecked-responses
  Scenario: With @unchecked-responses, a scenario may end on a response no step checked
    When a HOT rsa4096 key is assigned
