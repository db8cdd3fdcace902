@runner
Feature: The conformance runner gates a release on the integration guide
  `coincover-mock run --client "<command>"` starts the mock, drives the client under test through
  every requirement, and exits 0 only when all of them pass. These self-tests run it exactly as a
  CI job would, against the known-good clients and against one broken client per mistake.

  Scenario Outline: <client> passes every requirement
    When the conformance runner checks "<client>"
    Then the runner exits 0
    And every requirement passed or was not checked
    And the reports hold a JUnit test case per scenario, and no secret

    Examples:
      | client               |
      | the reference client |
      | the shell client     |

  Scenario Outline: A client that commits <fault> fails the gate, named exactly
    When the conformance runner checks the broken client "<fault>" on "<requirements>"
    Then the runner exits 1
    And the gate names exactly "<fault>"

    Examples:
      | fault | requirements |
      | oaep_mgf1_mismatch | @req-backup-hot |
      | oaep_hash_mismatch | @req-backup-hot |
      | oaep_label | @req-backup-hot |
      | pkcs1_v15_padding | @req-backup-hot |
      | no_padding | @req-backup-hot |
      | not_encrypted | @req-backup-hot |
      | ciphertext_length | @req-backup-hot |
      | data_encoding | @req-backup-hot |
      | wrong_key | @req-backup-hot |
      | public_key_off_by_one | @req-backup-hot |
      | public_key_format | @req-backup-hot |
      | checksum_over_ciphertext | @req-backup-hot |
      | checksum_over_encoded_plaintext | @req-backup-hot |
      | checksum_mismatch | @req-backup-hot |
      | padding_type_unsupported | @req-backup-hot |
      | replayed_ciphertext | @req-backup-hot |
      | file_not_encrypted | @req-backup-hot |
      | file_content_type | @req-backup-hot |
      | signature_not_verified | @req-backup-hot or @req-signature-forged |
      | pem_off_by_one | @req-backup-hot or @req-hex-to-pem |
      | sandbox_url_in_production | @req-backup-hot or @req-sandbox-url-runtime |
      | retry_inconsistent | @req-backup-hot or @req-retry-consistent |

  Scenario Outline: <client> gets a clear verdict, not a runner crash
    When the conformance runner checks "<client>"
    Then the runner exits 1
    And the gate names "client_failed" with "<evidence>" in its evidence

    Examples:
      | client                        | evidence                   |
      | a command that does not exist | not found                  |
      | a client that hangs           | killed with its child      |
      | a client that crashes         | boom                       |
      | a client that prints garbage  | not a JSON object          |

  Scenario: A client past its time limit is killed with its child processes
    When the conformance runner checks "a client that hangs"
    Then the runner exits 1
    And no process of the hung client is left running

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
