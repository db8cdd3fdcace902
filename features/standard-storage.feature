Feature: Storing backups through the standard endpoints
  POST /v1/secure/data takes the checksum as optional: with one, the data is verified exactly as on
  the partner endpoint, with the same forensics; without one, it must still decrypt under the key.
  POST /v1/secure/file has the partner endpoint's shape and limits. Neither needs the partner scope.

  Background:
    Given requests are authenticated with the API key "test-standard-key"
    And a HOT rsa4096 key is assigned on the standard endpoint

  Scenario: Data with its checksum is verified and stored
    When "legal winner thank year wave sausage worth useful legal winner thank yellow" is backed up under the key on the standard endpoint
    Then the backup is stored with the checksum of "legal winner thank year wave sausage worth useful legal winner thank yellow"
    And the request succeeds with no fault named
    And the response matches its documented schema

  Scenario: Data without a checksum is stored once it decrypts
    When "treasury wallet chain code" is backed up under the key on the standard endpoint without a checksum
    Then the backup is stored without a checksum
    And the request succeeds with no fault named
    And the response matches its documented schema

  Scenario: A checksum that does not match the plaintext is refused with its diagnosis
    When "seed words" is backed up under the key on the standard endpoint with the checksum of "other words"
    Then the response status is 400
    And the mock names the fault "checksum_mismatch"
    And the response matches its documented schema

  Scenario: A ciphertext with the wrong OAEP hashes is named, with or without a checksum
    When "seed words" is backed up under the key on the standard endpoint, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep rsa_oaep_md:sha256 rsa_mgf1_md:sha1"
    Then the response status is 400
    And the mock names the fault "oaep_mgf1_mismatch"
    When "seed words" is backed up under the key on the standard endpoint, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep" and without a checksum
    Then the response status is 400
    And the mock names the fault "oaep_hash_mismatch"

  Scenario: The chain code of a secp256k1 backup signer is stored under a separate rsa4096 key (add-a-backup-key guide)
    When a COLD secp256k1 key is assigned on the standard endpoint
    And "32-byte chain code of the backup signer" is backed up under the rsa4096 key on the standard endpoint
    Then the backup is stored with the checksum of "32-byte chain code of the backup signer"

  Scenario Outline: Storing under a <key type> signer key is a clear 400
    When a HOT <key type> key is assigned on the standard endpoint
    And "chain code" is backed up under the <key type> key on the standard endpoint
    Then the response status is 400
    And the mock names the fault "key_not_for_storage"
    When an encrypted file of 1024 bytes is uploaded under the <key type> key on the standard endpoint
    Then the response status is 400
    And the mock names the fault "key_not_for_storage"

    Examples:
      | key type  |
      | secp256k1 |
      | ed25519   |

  Scenario: A public key the mock never issued is 404
    When data is backed up on the standard endpoint under a public key the mock never issued
    Then the response status is 404
    And the error is "Not Found" with the documented KEY_NOT_FOUND message
    And the mock names the fault "unknown_public_key"

  Scenario: An encrypted file is stored
    When an encrypted file of 4096 bytes is uploaded under the key on the standard endpoint
    Then the file is stored under the key
    And the request succeeds with no fault named
    And the response matches its documented schema

  Scenario: A file over 10 MiB is refused with 413, as on the partner endpoint
    When an encrypted file of 10485761 bytes is uploaded under the key on the standard endpoint
    Then the response status is 413
    And the mock names the fault "file_too_large"

  Scenario: A file part that is not application/octet-stream is refused with 415
    When an encrypted file of 512 bytes is uploaded under the key on the standard endpoint as "application/zip"
    Then the response status is 415
    And the mock names the fault "file_content_type"
