Feature: The sandbox failure matrix of CoinCover's testing page
  The failure paths the wallet-provider testing page asks an integration to handle, each with
  its trigger and the answer the page documents. The keys service has no magic test values:
  every failure comes from the request itself, or from a fault switch of the mock.

  Scenario: No Authorization header is 401
    Given the user "bob@acme.io" of organisation "org-456"
    And requests carry no Authorization header
    When a COLD rsa4096 key is assigned
    Then the response status is 401
    And the error is "Unauthorized" with the documented AUTH_MISSING message

  Scenario: An expired token is 401
    Given the user "bob@acme.io" of organisation "org-456"
    And requests are authenticated with an expired JWT
    When a COLD rsa4096 key is assigned
    Then the response status is 401
    And the error is "Unauthorized" with the documented AUTH_EXPIRED message

  Scenario: A token without the partner-endpoint scope is 403
    Given the user "bob@acme.io" of organisation "org-456"
    And requests are authenticated with a JWT without the partner-endpoint scope
    When a COLD rsa4096 key is assigned
    Then the response status is 403
    And the error is "Forbidden" with the documented SCOPE_MISSING message

  Scenario: A second assignment for the same user and organisation is 409
    Given "bob@acme.io" of organisation "org-456" holds a HOT rsa4096 key
    When another HOT rsa4096 key is assigned to the same user
    Then the response status is 409
    And the error is "Conflict" with the message "Key already assigned for this user and organisation"

  Scenario: A checksum that is not SHA-256 hex is 400, field-keyed on checksum
    Given "bob@acme.io" of organisation "org-456" holds a HOT rsa4096 key
    When a seed phrase is backed up under the key with these fields changed:
      | checksum | not-a-sha256 |
    Then the response status is 400
    And the error body is field-keyed on "checksum"

  Scenario: A padding_type other than OAEP is 400
    Given "bob@acme.io" of organisation "org-456" holds a HOT rsa4096 key
    When a seed phrase is backed up under the key with padding_type PKCS1
    Then the response status is 400
    And the mock names the fault "padding_type_unsupported"

  # The page says "over 10 MB"; between 10 MB and 10 MiB the mock stores the file and warns
  # file_size_ambiguous, so this file is over both.
  Scenario: A file over 10 MB is 413
    Given "bob@acme.io" of organisation "org-456" holds a HOT rsa4096 key
    When an encrypted file of 11000000 bytes is uploaded under the key
    Then the response status is 413
    And the error is "Payload Too Large" with the documented PAYLOAD_TOO_LARGE message

  Scenario: A file part that is not application/octet-stream is 415
    Given "bob@acme.io" of organisation "org-456" holds a HOT rsa4096 key
    When an encrypted file of 1024 bytes is uploaded under the key as "application/zip"
    Then the response status is 415
    And the mock names the fault "file_content_type"

  # The mock stores the backup, then drops the connection: the integration retries and ends with
  # its backup stored. That no second, different backup was left is @req-retry-consistent of
  # `npx coincover-mock run`.
  @integration
  Scenario: The connection drops after a store: the retry reaches a consistent end state
    Given the user "bob@acme.io" of organisation "org-456"
    And the fault switch drop_after_store is armed
    When the integration backs up "legal winner thank year wave sausage worth useful"
    Then the integration succeeds and reports its key and backups
