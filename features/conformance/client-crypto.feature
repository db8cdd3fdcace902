@conformance
Feature: The client's own crypto gives the known answers
  Through the optional function-level contract (JSON lines on stdin and stdout), the client's
  hex-to-PEM conversion, encryption and checksum are checked against known answers, as strictly
  as the service checks a store: standard base64, and the checksum in lower-case hex. A client
  that answers "not_implemented" is reported as not checked, which fails the gate unless allowed;
  one that crashes, exits non-zero or answers garbage fails with client_failed.

  @req-hex-to-pem
  Scenario: The client converts awkward keys from hex to PEM exactly
    When the client converts each known-answer key from hex to PEM
    Then every PEM holds exactly the key's DER bytes

  @req-encryption
  Scenario: The client encrypts with RSA-OAEP SHA-256/MGF1-SHA-256 and checksums the plaintext
    When the client encrypts the recovery material under a known key and checksums it
    Then the ciphertext decrypts with RSA-OAEP SHA-256 and MGF1-SHA-256 to the recovery material
    And its checksum is the SHA-256 of the plaintext
