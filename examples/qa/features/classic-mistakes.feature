Feature: Forensics: the classic mistakes of the integration guide, named by the mock
  The "most common issues" at the end of each CoinCover guide, one scenario each. The mock names
  each mistake it can see from a request with a fault code, in the x-mock-faults header and the
  journal. The signature check is client behaviour, checked on the integration under test.

  Scenario: Hex-to-PEM conversion off by one byte
    Given "carol@acme.io" of organisation "org-789" holds a COLD rsa4096 key
    When a seed phrase is backed up under the key naming the public key with its last byte dropped
    Then the mock names the fault "public_key_off_by_one"

  Scenario: The OAEP hash and the MGF1 hash are not both SHA-256
    Given "carol@acme.io" of organisation "org-789" holds a COLD rsa4096 key
    When a seed phrase is backed up under the key encrypted with MGF1 SHA-1
    Then the mock names the fault "oaep_mgf1_mismatch"
    And the journal details of "oaep_mgf1_mismatch" include "mgf1_hash" = "SHA-1"

  Scenario: The checksum is computed over the ciphertext instead of the plaintext
    Given "carol@acme.io" of organisation "org-789" holds a COLD rsa4096 key
    When a seed phrase is backed up under the key with the checksum over the ciphertext
    Then the mock names the fault "checksum_over_ciphertext"

  @integration
  Scenario: The enclave signature is checked: a forged one stops the backup
    Given the user "carol@acme.io" of organisation "org-789"
    And the fault switch forged_signature is armed
    When the integration backs up "treasury chain code" in a COLD key
    Then the integration exits 3

  # That it also stored nothing under the refused key, and the JWKS variants of the check, are
  # requirements of `npx coincover-mock run` (@req-signature-forged and the others).
  #
  # A sandbox base URL left in production configuration is seen by no mock request. Run the
  # integration through `npx coincover-mock run --config config/production.env` (requirements
  # @req-sandbox-url-runtime, @req-sandbox-jwks-production, @req-sandbox-url-config), or lint
  # the files with `npx coincover-mock check-config config/production.env`.
