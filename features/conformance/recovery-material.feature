@conformance
Feature: The backup holds exactly the bytes the client was given
  COINCOVER_PLAINTEXT_FILE is bytes, not text: the backup must decrypt to exactly them. A client
  that trims whitespace, decodes and re-encodes as UTF-8, converts line endings or truncates
  changes what would be recovered. 446 bytes is the most RSA-OAEP SHA-256 takes under RSA-4096.

  @req-recovery-material-exact
  Scenario Outline: The client backs up recovery material <material>
    Given recovery material "<material>"
    When the client backs up its recovery material in a HOT key
    Then the mock named no fault in its requests
    And its result line names the key and the backups it stored
    And the backup decrypts to the recovery material, with its checksum

    Examples:
      | material                             |
      | with leading and trailing whitespace |
      | that is not UTF-8                    |
      | of exactly 446 bytes                 |
