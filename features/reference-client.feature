Feature: The reference clients complete the partner flow
  The known-good integrations, run as a conformance client would be: assign a key, verify the
  enclave signature against the JWKS, convert the hex key to PEM, encrypt with RSA-OAEP
  SHA-256/MGF1-SHA-256, store the data with the plaintext's checksum, and store an encrypted file.

  Scenario Outline: The <client> client backs up a seed phrase and a wallet file in a <environment> key
    Given the integration under test is the <client> client
    When the integration backs up a seed phrase and a file in a <environment> key
    Then the integration succeeds and reports its key and backups
    And the mock saw the whole flow under its key with no fault

    Examples:
      | client    | environment |
      | reference | HOT         |
      | reference | COLD        |
      | shell     | HOT         |
      | shell     | COLD        |
