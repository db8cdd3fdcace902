@forensics
Feature: Fault forensics name every integration mistake
  The mock holds the private key, so it can decode what arrived and say exactly which mistake the
  client made: the codes come in the x-mock-faults header, and the journal holds each finding
  with its details and the fix in six languages. The reference client gets none.

  Scenario Outline: A ciphertext made by <client> is judged like the real service would, and named
    When independent-client vector <id> is sent
    Then the mock answers as independent-client vector <id> expects

    Examples:
      | id | client | expected | how it was made |
      | 1 | openjdk17-sunjce | valid | Cipher "RSA/ECB/OAEPWithSHA-256AndMGF1Padding" with OAEPParameterSpec(SHA-256, MGF1, SHA256) |
      | 2 | openjdk17-sunjce | oaep_mgf1_mismatch | Cipher "RSA/ECB/OAEPWithSHA-256AndMGF1Padding" with no OAEPParameterSpec (SunJCE uses MGF1-SHA-1) |
      | 3 | openssl-3.0-cli | valid | pkeyutl rsa_padding_mode:oaep rsa_oaep_md:sha256 rsa_mgf1_md:sha256 |
      | 4 | openssl-3.0-cli | oaep_mgf1_mismatch | pkeyutl rsa_padding_mode:oaep rsa_oaep_md:sha256 rsa_mgf1_md:sha1 |
      | 5 | openssl-3.0-cli | oaep_hash_mismatch | pkeyutl rsa_padding_mode:oaep (defaults: SHA-1 and MGF1-SHA-1) |
      | 6 | openssl-3.0-cli | pkcs1_v15_padding | pkeyutl rsa_padding_mode:pkcs1 |
      | 7 | openssl-3.0-cli | no_padding | pkeyutl rsa_padding_mode:none on the plaintext left-padded with zero bytes to 512 |
      | 8 | python-cryptography-48 | valid | OAEP(MGF1(SHA256), SHA256, label=None) |
      | 9 | python-cryptography-48 | oaep_hash_mismatch | OAEP(MGF1(SHA1), SHA1) |
      | 10 | python-cryptography-48 | oaep_label | OAEP(MGF1(SHA256), SHA256, label=b'coincover') |
      | 11 | python-cryptography-48 | checksum_over_ciphertext | checksum = SHA-256 of the ciphertext bytes |
      | 12 | python-cryptography-48 | checksum_over_ciphertext | checksum = SHA-256 of the base64 ciphertext text |
      | 13 | python-cryptography-48 | not_encrypted | data = base64 of the plaintext, never encrypted |
      | 14 | python-cryptography-48 | public_key_format | public_key sent as PKCS#1 RSAPublicKey hex instead of the issued SPKI hex |
      | 15 | python-cryptography-48 | public_key_off_by_one | public_key with its last byte dropped |

  Scenario Outline: A broken client is named by its one mistake
    Given the integration under test is the broken client "<fault>"
    When the integration backs up a seed phrase and a file in a HOT key
    Then the mock names "<fault>" on the integration's requests, and nothing else

    Examples:
      | fault |
      | oaep_mgf1_mismatch |
      | oaep_hash_mismatch |
      | oaep_label |
      | pkcs1_v15_padding |
      | no_padding |
      | not_encrypted |
      | ciphertext_length |
      | data_encoding |
      | wrong_key |
      | public_key_off_by_one |
      | public_key_format |
      | checksum_over_ciphertext |
      | checksum_over_encoded_plaintext |
      | checksum_mismatch |
      | padding_type_unsupported |
      | replayed_ciphertext |
      | file_not_encrypted |
      | file_content_type |

  Scenario Outline: Request vector <id> is answered <status> and named <faults>
    When request-fault vector <id> is sent
    Then the mock answers as request-fault vector <id> expects

    Examples:
      | id | status | faults | what is wrong |
      | 1 | 401 | auth_missing | no Authorization header |
      | 2 | 401 | auth_invalid | an API key the mock does not know |
      | 3 | 401 | auth_invalid | Basic instead of Bearer |
      | 4 | 401 | auth_expired | an expired JWT |
      | 5 | 401 | auth_invalid | a JWT signed with alg none |
      | 6 | 403 | scope_missing | the standard API key on a partner route |
      | 7 | 409 | duplicate_assignment | a second assignment for the seeded vector customer |
      | 8 | 400 | sign_with_invalid | sign_with lists public_key |
      | 9 | 400 | request_invalid | a key_type outside the enum |
      | 10 | 400 | request_malformed | truncated JSON |
      | 11 | 415 | content_type_unsupported | JSON sent as text/plain |
      | 12 | 400 | checksum_format | a checksum that is base64 of the digest, not hex |
      | 13 | 400 | padding_type_unsupported | padding_type PKCS1 |
      | 14 | 400 | request_invalid | a public_key that is not hex |
      | 15 | 404 | unknown_public_key | a public_key the mock never issued |
      | 16 | 400 | undecryptable | 512 bytes that decrypt under no padding and no issued key |
      | 17 | 400 | not_encrypted | the documentation's own example: base64 of {"key":"value"} with the SHA-256 of nothing |
      | 18 | 400 | field_unknown, undecryptable | an extra field in the body (checksum_sha256): ignored and named, and the data is still judged |
      | 19 | 413 | file_too_large | a file over 10 MiB |
      | 20 | 415 | file_content_type | a file part sent as application/zip |
      | 21 | 200 | file_not_encrypted | a PDF uploaded in the clear |
      | 22 | 400 | request_invalid | a multipart body without its file part |
      | 23 | 415 | content_type_unsupported | JSON sent to the file endpoint |
      | 24 | 200 | key_environment_defaulted | POST /v1/keys without key_environment: the default HOT is applied, and named |
      | 25 | 400 | key_not_for_storage | public_key names an ed25519 signer key, which cannot encrypt |
      | 26 | 200 | field_unknown | a field the API does not define (key_enviroment): ignored, and the nearest documented name given |
      | 27 | 200 | field_length_unusual | a user_identifier of 300 characters |
      | 28 | 200 | sign_with_repeated | sign_with lists key_id twice |
      | 29 | 200 | sign_with_unresolved | sign_with binds external_package_id without a package_id |
      | 30 | 200 | file_size_ambiguous | a file of 10,000,001 bytes: over 10 MB, within 10 MiB |
      | 31 | 404 | route_not_found | a path that names no operation |
      | 32 | 405 | method_not_allowed | GET of an endpoint that takes a POST |
      | 33 | 404 | unknown_id | a verify path whose key_id names no key |

  Scenario: A ciphertext made by OpenSSL with OAEP SHA-1 is named oaep_hash_mismatch
    Given a HOT rsa4096 key is assigned
    When a seed phrase is backed up under the key, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep"
    Then the response status is 400
    And the mock names the fault "oaep_hash_mismatch"
    And the journal details of "oaep_hash_mismatch" include "oaep_hash" = "SHA-1"
    And the journal details of "oaep_hash_mismatch" include "mgf1_hash" = "SHA-1"

  Scenario: A ciphertext made by OpenSSL with MGF1-SHA-1 is named oaep_mgf1_mismatch, with both hashes
    Given a HOT rsa4096 key is assigned
    When a seed phrase is backed up under the key, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep rsa_oaep_md:sha256 rsa_mgf1_md:sha1"
    Then the response status is 400
    And the mock names the fault "oaep_mgf1_mismatch"
    And the journal details of "oaep_mgf1_mismatch" include "oaep_hash" = "SHA-256"
    And the journal details of "oaep_mgf1_mismatch" include "mgf1_hash" = "SHA-1"
    And the journal details of "oaep_mgf1_mismatch" include "plaintext_matches_checksum" = "true"

  Scenario: A ciphertext made by OpenSSL with PKCS#1 v1.5 is named pkcs1_v15_padding
    Given a HOT rsa4096 key is assigned
    When a seed phrase is backed up under the key, encrypted by the OpenSSL command line with "rsa_padding_mode:pkcs1"
    Then the response status is 400
    And the mock names the fault "pkcs1_v15_padding"

  Scenario: With --opaque-errors every decryption failure looks the same, and only the journal knows why
    Given a mock of the scenario's own, started with "--opaque-errors"
    And a HOT rsa4096 key is assigned
    When a seed phrase is backed up under the key, encrypted by the OpenSSL command line with "rsa_padding_mode:pkcs1"
    And a seed phrase is backed up under the key, encrypted by the OpenSSL command line with "rsa_padding_mode:oaep rsa_oaep_md:sha256 rsa_mgf1_md:sha1"
    And request-fault vector 16 is sent
    Then the last 3 answers have byte-identical bodies and name no fault
    And the journal still names "pkcs1_v15_padding" for answer 2
    And the journal still names "oaep_mgf1_mismatch" for answer 3

  Scenario Outline: Hostile input to the diagnosis gets a named 4xx and stores nothing: <input>
    Given a HOT rsa4096 key is assigned
    And the store counts are noted
    When <input> is sent as a backup under the key
    Then the response status is <status>
    And the mock names the fault "<fault>"
    And nothing was stored

    Examples:
      | input                    | status | fault              |
      | empty data               | 400    | request_invalid    |
      | one byte of data         | 400    | ciphertext_length  |
      | 10 MB of base64          | 400    | ciphertext_length  |
      | bytes that are not UTF-8 | 400    | data_encoding      |
      | a key from another run   | 404    | unknown_public_key |
