Feature: The partner happy path of CoinCover's testing page
  A wallet provider assigns a key to its customer, checks the enclave's signature over it, then
  backs up a seed phrase and an encrypted file under it (steps 1 to 3 of the wallet-provider
  testing page). Steps 4 and 5 happen in CoinCover Control, not on the API.

  Scenario: The assigned key is the enclave's, signed as documented
    Given "alice@acme.io" of organisation "org-123" holds a COLD rsa4096 key
    Then the response carries the key with its documented fields
    And the public key is the hex of an rsa4096 public key
    And the signature verifies against the published JWKS

  Scenario: A seed phrase is backed up with the checksum of its plaintext
    Given "alice@acme.io" of organisation "org-123" holds a COLD rsa4096 key
    When a seed phrase is backed up under the key
    Then the request succeeds with no fault named
    And the backup is stored as data with its checksum and size
    And the journal entry shows POST "/v1/partner/secure/data" answered 200 with no faults

  Scenario: A small encrypted file is backed up
    Given "alice@acme.io" of organisation "org-123" holds a COLD rsa4096 key
    When an encrypted file of 4096 bytes is uploaded under the key
    Then the file is stored under the key

  @integration
  Scenario: The integration under test does the whole flow
    Given the user "alice@acme.io" of organisation "org-123"
    When the integration backs up a seed phrase and a file in a COLD key
    Then the integration succeeds and reports its key and backups
    And the mock saw the whole flow under its key with no fault
