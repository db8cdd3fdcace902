Feature: Checking keys and backups with the verify endpoints
  GET /v1/keys/{keyId}/verify checks that a key pair is intact; GET /v1/backups/{backupId}/verify
  decrypts a stored backup and compares it with the checksum recorded at storage. Cold backups are
  held offline and cannot be checked. The "Back up key material" guide calls the same checks at
  /v1/hot/keys/{id}/verify and /v1/hot/backups/{id}/verify; both paths are served.

  Background:
    Given requests are authenticated with the API key "test-standard-key"

  Scenario Outline: A <key type> <environment> key verifies, at both paths
    When a <environment> <key type> key is assigned on the standard endpoint
    And the key is verified
    Then the key is reported valid
    And the response matches its documented schema
    When the key is verified at the hot path
    Then the key is reported valid

    Examples:
      | key type  | environment |
      | rsa4096   | HOT         |
      | secp256k1 | COLD        |
      | ed25519   | HOT         |

  Scenario: A key assigned on the partner endpoint verifies too
    Given requests are authenticated with the API key "test-partner-key"
    When a HOT ed25519 key is assigned
    And the key is verified
    Then the key is reported valid

  Scenario: A HOT backup is decrypted and re-checked against its checksum, at both paths
    When a HOT rsa4096 key is assigned on the standard endpoint
    And "legal winner thank year wave sausage worth useful" is backed up under the key on the standard endpoint
    And the backup is verified
    Then the backup is reported valid with the VALID message
    And the response matches its documented schema
    When the backup is verified at the hot path
    Then the backup is reported valid with the VALID message

  Scenario: A backup stored without a checksum decrypts, but cannot be compared
    When a HOT rsa4096 key is assigned on the standard endpoint
    And "chain code" is backed up under the key on the standard endpoint without a checksum
    And the backup is verified
    Then the backup is reported valid with the VALID_NO_CHECKSUM message

  Scenario: A cold backup cannot be checked, and is not reported valid
    When a COLD rsa4096 key is assigned on the standard endpoint
    And "cold storage seed" is backed up under the key on the standard endpoint
    And the backup is verified
    Then the backup is reported invalid with the COLD message

  Scenario: A file backup is reported held
    When a HOT rsa4096 key is assigned on the standard endpoint
    And an encrypted file of 2048 bytes is uploaded under the key on the standard endpoint
    And the file is verified
    Then the backup is reported valid with the VALID_FILE message

  Scenario Outline: Seeded backup <backup id> is reported <verdict>: <what>
    When the backup id "<backup id>" is verified
    Then the backup is reported <verdict> with the <message> message

    Examples:
      | backup id                            | verdict | message           | what                                         |
      | 5eed0000-0000-4000-8000-000000000001 | valid   | VALID             | stored data that matches its checksum        |
      | 5eed0000-0000-4000-8000-000000000002 | valid   | VALID_NO_CHECKSUM | stored without a checksum                    |
      | 5eed0000-0000-4000-8000-000000000003 | invalid | CHECKSUM_MISMATCH | stored data that no longer matches checksum  |
      | 5eed0000-0000-4000-8000-000000000004 | valid   | VALID_FILE        | a file                                       |

  Scenario Outline: An unknown <what> id is 404 at <path>
    When the <what> id "7d0c4f5e-2a61-4c1b-9e3f-000000000000" is verified at <path>
    Then the response status is 404
    And the error is "Not Found" with the documented <message> message
    And the response matches its documented schema

    Examples:
      | what   | path         | message          |
      | key    | the spec path | KEY_NOT_FOUND    |
      | key    | the hot path | KEY_NOT_FOUND    |
      | backup | the spec path | BACKUP_NOT_FOUND |
      | backup | the hot path | BACKUP_NOT_FOUND |

  Scenario Outline: A malformed <what> id is a field-keyed 400
    When the <what> id "<id>" is verified at the spec path
    Then the response status is 400
    And the error body is field-keyed on "<field>"
    And the mock names the fault "request_invalid"

    Examples:
      | what   | id                                   | field    |
      | key    | not-a-uuid                           | keyId    |
      | key    | 7d0c4f5e2a614c1b9e3f5b8a2d9c0e11     | keyId    |
      | backup | 5eed0000-0000-4000-8000-00000000000z | backupId |
      | backup | ' OR 1=1 --                          | backupId |

  Scenario: A key id is not a backup id
    When a HOT ed25519 key is assigned on the standard endpoint
    And the key's id is verified as a backup
    Then the response status is 404
    And the error is "Not Found" with the documented BACKUP_NOT_FOUND message

  Scenario: An id in upper case is the same id
    When the backup id "5EED0000-0000-4000-8000-000000000001" is verified
    Then the backup is reported valid with the VALID message
