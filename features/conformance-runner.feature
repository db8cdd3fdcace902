@runner
Feature: The conformance runner gates a release on the integration guide
  `coincover-mock run --client "<command>"` starts the mock, drives the client under test through
  every requirement, and exits 0 only when all of them pass. These self-tests run it exactly as a
  CI job would, against the known-good clients and against one broken client per mistake. A
  requirement that cannot be checked fails the gate unless the run allows it.

  Scenario Outline: <client> passes every requirement
    When the conformance runner checks "<client>"
    Then the runner exits 0
    And every requirement passed
    And the reports hold a JUnit test case per scenario, and no secret
    And every request the reports cite has its journal entry beside them

    Examples:
      | client               |
      | the reference client |
      | the shell client     |

  Scenario: Every broken client fails the gate, named exactly, with what was observed
    When the conformance runner checks each broken client on its requirements:
      | client                                  | requirements                                                 | fault                     | evidence                        |
      | oaep_mgf1_mismatch                      | @req-backup-hot                                              | oaep_mgf1_mismatch        |                                 |
      | oaep_hash_mismatch                      | @req-backup-hot                                              | oaep_hash_mismatch        |                                 |
      | oaep_label                              | @req-backup-hot                                              | oaep_label                |                                 |
      | pkcs1_v15_padding                       | @req-backup-hot                                              | pkcs1_v15_padding         |                                 |
      | no_padding                              | @req-backup-hot                                              | no_padding                |                                 |
      | not_encrypted                           | @req-backup-hot                                              | not_encrypted             |                                 |
      | ciphertext_length                       | @req-backup-hot                                              | ciphertext_length         |                                 |
      | data_encoding                           | @req-backup-hot or @req-encryption                           | data_encoding             | hex                             |
      | data_encoding--base64url                | @req-encryption                                              | data_encoding             | base64url                       |
      | checksum_format--upper-case             | @req-encryption                                              | checksum_format           | upper-case                      |
      | wrong_key                               | @req-backup-hot                                              | wrong_key                 |                                 |
      | public_key_off_by_one                   | @req-backup-hot                                              | public_key_off_by_one     |                                 |
      | public_key_format                       | @req-backup-hot                                              | public_key_format         |                                 |
      | checksum_over_ciphertext                | @req-backup-hot                                              | checksum_over_ciphertext  |                                 |
      | checksum_over_encoded_plaintext         | @req-backup-hot                                              | checksum_over_encoded_plaintext |                           |
      | checksum_mismatch                       | @req-backup-hot                                              | checksum_mismatch         |                                 |
      | padding_type_unsupported                | @req-backup-hot                                              | padding_type_unsupported  |                                 |
      | replayed_ciphertext                     | @req-backup-hot                                              | replayed_ciphertext       |                                 |
      | file_not_encrypted                      | @req-backup-hot                                              | file_not_encrypted        |                                 |
      | file_content_type                       | @req-backup-hot                                              | file_content_type         |                                 |
      | signature_not_verified                  | @req-backup-hot or @req-signature-forged                     | signature_not_verified    |                                 |
      | pem_off_by_one                          | @req-backup-hot or @req-hex-to-pem                           | pem_off_by_one            |                                 |
      | sandbox_url_in_production               | @req-backup-hot or @req-sandbox-url-runtime                  | sandbox_url_in_production | service.uat-keys.coincover.com  |
      | sandbox_url_in_production--jwks         | @req-sandbox-url-runtime or @req-sandbox-jwks-production     | sandbox_url_in_production | policies.uat-keys.coincover.com |
      | retry_inconsistent                      | @req-backup-hot or @req-retry-consistent                     | retry_inconsistent        | encrypted afresh                |
      | retry_inconsistent--silent-give-up      | @req-retry-consistent                                        | retry_inconsistent        | nobody knows of that backup     |
      | retry_inconsistent--no-retry-on-5xx     | @req-retry-transient                                         | retry_inconsistent        | 503                             |
      | key_refused                             | @req-retry-consistent                                        | key_refused               | stored nothing                  |
      | assignment_mismatch                     | @req-backup-hot                                              | assignment_mismatch       | organisation.customer_id        |
      | assignment_mismatch--key-environment    | @req-backup-cold                                             | assignment_mismatch       | key_environment                 |
      | result_line_invalid                     | @req-hex-to-pem or @req-encryption                           | result_line_invalid       | echoes it as                    |
      | result_line_invalid--swapped-backup-ids | @req-backup-hot                                              | result_line_invalid       | the file backup                 |
      | client_failed--functions-crash          | @req-hex-to-pem                                              | client_failed             | reading                         |
      | jwks_not_refetched                      | @req-jwks-rotation                                           | jwks_not_refetched        | fetched the set 1 time          |
      | jwks_key_ineligible                     | @req-jwks-ineligible                                         | jwks_key_ineligible       | validFrom                       |
      | jwks_redirect_followed                  | @req-jwks-no-redirect                                        | jwks_redirect_followed    | /moved/jwks.json                |
      | resent_after_refusal                    | @req-no-resend-after-4xx                                     | resent_after_refusal      | answered 401                    |
      | recovery_material_altered               | @req-recovery-material-exact                                 | recovery_material_altered | given_sha256                    |
      | secret_in_output                        | @req-no-secret-in-output                                     | secret_in_output          | base64                          |
      | insecure_url_accepted                   | @req-https-only                                              | insecure_url_accepted     | connected                       |
    Then each fails the gate, naming exactly its fault and what it observed

  Scenario Outline: <client> gets a clear verdict, not a runner crash
    When the conformance runner checks "<client>"
    Then the runner exits 1
    And the gate names "client_failed" with "<evidence>" in its evidence
    And the reports are bounded and hold no secret

    Examples:
      | client                                         | evidence                 |
      | a command that does not exist                  | not found                |
      | a client that hangs                            | timed out after 2 s      |
      | a client that crashes                          | boom                     |
      | a client that prints garbage                   | not a JSON object        |
      | a client that prints garbage in functions mode | Traceback                |
      | a client that floods stdout and stderr         | exited 1                 |
      | a client whose children outlive it             | not a JSON object        |
      | a client that closes stdin early               | exited 3                 |

  Scenario: A client past its time limit is killed with its child processes
    When the conformance runner checks "a client that hangs"
    Then the runner exits 1
    And the gate names "client_failed" with "killed with its child processes" in its evidence
    And the fix of "client_failed" is inline in conformance.html
    And no process of the hung client is left running

  Scenario: A client whose children outlive it leaves no process behind
    When the conformance runner checks "a client whose children outlive it"
    Then the runner exits 1
    And no process of the hung client is left running

  Scenario: A client slower than Cucumber's default step time-out passes within --timeout
    When the conformance runner checks "a client that takes 6 s per run"
    Then the runner exits 0
    And the verdict of "backup-hot" is "pass"

  Scenario: A run leaves the temp folder as it found it, even when the client times out
    When the conformance runner checks "a client that hangs after writing to its temp folder" with its own temp folder
    Then the runner exits 1
    And the temp folder is as it was

  Scenario: A requirement that could not be checked fails the gate, saying why and how to fix it
    When the conformance runner checks "a client without functions mode"
    Then the runner exits 1
    And the verdict of "hex-to-pem" is "not-checked"
    And the output names "To make it checkable"

  Scenario: A requirement allowed to go unchecked passes the gate
    When the conformance runner checks "a client without functions mode" with "--allow-unchecked hex-to-pem"
    Then the runner exits 0
    And the verdict of "hex-to-pem" is "allowed-unchecked"

  Scenario: An expected-failures entry lets a requirement go unchecked
    Given an expected-failures file allowing "hex-to-pem" to fail with "not_checked"
    When the conformance runner checks "a client without functions mode"
    Then the runner exits 0
    And the verdict of "hex-to-pem" is "allowed-unchecked"

  Scenario: A team adopts the gate gradually with an expected-failures file
    Given an expected-failures file allowing "backup-hot" to fail with "oaep_label"
    When the conformance runner checks the broken client "oaep_label" on "@req-backup-hot"
    Then the runner exits 0
    And the verdict of "backup-hot" is "allowed-failure"

  Scenario: An expected failure that now passes is reported and fails the gate
    Given an expected-failures file allowing "backup-hot" to fail with "oaep_label"
    When the conformance runner checks the reference client with that expected-failures file
    Then the runner exits 1
    And the verdict of "backup-hot" is "now-passing"

  Scenario: A malformed expected-failures file is a clear error naming the line
    When the conformance runner is given an expected-failures file whose line 3 is broken
    Then the runner exits 2
    And the output names "broken.yaml:3"

  Scenario: check-config flags a production .env that points at the sandbox
    When check-config is run on "production-sandbox.env"
    Then the runner exits 1
    And the output names "sandbox_url_in_production"
    And the output names "service.uat-keys.coincover.com"

  Scenario: check-config passes production configuration
    When check-config is run on "production.env production.json"
    Then the runner exits 0
