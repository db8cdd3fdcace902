@conformance
Feature: Retries after a network failure reach a consistent end state
  From the sandbox testing page: drop the connection during a store; the client's retries must
  leave exactly the backup it reports, with nothing lost and no second, different backup.

  @req-retry-consistent
  Scenario: The connection drops after the mock stored the backup
    Given the mock will drop the connection after storing the next backup
    When the client backs up its recovery material in a HOT key
    Then the client retried to a consistent end state
