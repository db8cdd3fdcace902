Feature: Storing encrypted recovery material
  The client encrypts the recovery material with RSA-OAEP, SHA-256 for both the OAEP hash and
  MGF1, and stores it with the SHA-256 of the plaintext. The mock decrypts it with the private key,
  as the enclave does, and refuses what does not verify.

  Background:
    Given a HOT rsa4096 key is assigned

  Scenario: A correctly encrypted backup is stored
    When a seed phrase is backed up under the key
    Then the backup is stored as data with its checksum and size
    And the request succeeds with no fault named

  Scenario: A ciphertext made by the OpenSSL command line is accepted
    When a seed phrase is backed up under the key, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep rsa_oaep_md:sha256 rsa_mgf1_md:sha256"
    Then the backup is stored as data with its checksum and size

  Scenario: A ciphertext made by OpenSSL with MGF1-SHA-1 is refused
    When a seed phrase is backed up under the key, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep rsa_oaep_md:sha256 rsa_mgf1_md:sha1"
    Then the response status is 400
    And the mock names the fault "oaep_mgf1_mismatch"

  Scenario: A checksum that is not a SHA-256 hex string gets a field-keyed 400
    When a seed phrase is backed up under the key with these fields changed:
      | checksum | not-a-sha256 |
    Then the response status is 400
    And the error body is field-keyed on "checksum"
    And the mock names the fault "checksum_format"

  Scenario: padding_type PKCS1 is refused
    When a seed phrase is backed up under the key with these fields changed:
      | padding_type | PKCS1 |
    Then the response status is 400
    And the error body is field-keyed on "padding_type"
    And the mock names the fault "padding_type_unsupported"

  Scenario: The checksum is required on the partner endpoint
    When a seed phrase is backed up under the key with these fields changed:
      | checksum | <absent> |
    Then the response status is 400
    And the error body is field-keyed on "checksum"

  Scenario: An upper-case checksum is the same checksum
    When a seed phrase is backed up under the key with an upper-case checksum
    Then the backup is stored as data with its checksum and size

  Scenario: A public key the mock never issued is 404
    When data is backed up under a public key the mock never issued
    Then the response status is 404
    And the error is "Not Found" with the documented KEY_NOT_FOUND message
    And the mock names the fault "unknown_public_key"

  Scenario Outline: Malformed requests get the documented 4xx and store nothing
    When POST "/v1/partner/secure/data" is sent with the body '<body>' as "<content type>"
    Then the response status is <status>
    And the error body has the documented shape
    And the mock names the fault "<fault>"

    Examples:
      | body                         | content type      | status | fault                    |
      | {"public_key": "ab",         | application/json  | 400    | request_malformed        |
      | {"public_key": "abc"}        | text/plain        | 415    | content_type_unsupported |
      | {}                           | application/json  | 400    | request_invalid          |
      | {"public_key": 42}           | application/json  | 400    | request_invalid          |
      | null                         | application/json  | 400    | request_malformed        |
