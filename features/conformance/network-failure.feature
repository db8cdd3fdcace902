@conformance
Feature: Retries after a failed store reach a consistent end state
  From the sandbox testing page: drop the connection during a store; the client's retries must
  leave exactly the backup it reports, with nothing lost and no second, different backup. The
  contract's rule: a store with no answer or a 5xx is resent byte-identically, at most twice; a
  store answered with a 4xx is never resent.

  @req-retry-consistent
  Scenario: The connection drops after the mock stored the backup
    Given the mock will drop the connection after storing the next backup
    When the client backs up its recovery material in a HOT key
    Then the client retried to a consistent end state

  @req-retry-transient
  Scenario: The mock answers a store with a transient 503 and stores nothing
    Given the mock will answer the next store with a transient 503, storing nothing
    When the client backs up its recovery material in a HOT key
    Then the client retried to a consistent end state

  @req-no-resend-after-4xx
  Scenario: The mock refuses a store with a definite 401
    Given the mock will refuse the next store with a definite 401
    When the client backs up its recovery material in a HOT key
    Then the client did not resend the refused store, and failed
