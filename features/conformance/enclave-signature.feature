@conformance
Feature: The client refuses a key whose enclave signature does not verify
  Every assignment carries an ECDSA P-256 signature by CoinCover's enclave key, published in the
  JWKS. A client that stores recovery material under a key it has not verified can be handed an
  attacker's key. The mock, armed, returns a key with a bad signature; the client must refuse it.

  @req-signature-forged
  Scenario: The client refuses a key with a forged signature
    Given the mock will return the next key with "a forged signature"
    When the client backs up its recovery material and a file in a HOT key
    Then the client refuses the key and stores nothing

  @req-signature-other-environment
  Scenario: The client refuses a key signed by the other environment's enclave key
    Given the mock will return the next key with "a signature by the other environment's enclave key"
    When the client backs up its recovery material and a file in a HOT key
    Then the client refuses the key and stores nothing

  @req-signature-other-key
  Scenario: The client refuses a key whose signature covers a different key
    Given the mock will return the next key with "a signature over a different key"
    When the client backs up its recovery material and a file in a HOT key
    Then the client refuses the key and stores nothing
