@conformance
Feature: The client backs up recovery material as the integration guide says
  The client under test assigns a key, verifies its enclave signature, encrypts the recovery
  material with RSA-OAEP SHA-256/MGF1-SHA-256, stores it with the SHA-256 of the plaintext, and
  stores an encrypted file. Every fault the mock names on its requests fails the requirement, and
  so does an assignment for another customer, package or environment than the one given, and a
  result line that names something other than what was stored.

  @req-backup-hot
  Scenario: The client backs up recovery material and a file in a HOT key
    When the client backs up its recovery material and a file in a HOT key
    Then the mock named no fault in its requests
    And its result line names the key and the backups it stored
    And it verified the key against the JWKS before storing
    And the backup decrypts to the recovery material, with its checksum
    And the file backup is stored under the same key
    And the key belongs to the customer and package, in the HOT environment

  @req-backup-cold
  Scenario: The client backs up recovery material and a file in a COLD key
    When the client backs up its recovery material and a file in a COLD key
    Then the mock named no fault in its requests
    And its result line names the key and the backups it stored
    And it verified the key against the JWKS before storing
    And the backup decrypts to the recovery material, with its checksum
    And the file backup is stored under the same key
    And the key belongs to the customer and package, in the COLD environment
