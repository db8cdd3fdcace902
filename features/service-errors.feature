Feature: The documented 500
  Every operation of the reference lists 500 (internal error). The internal_error fault switch
  makes the next request answer it, before it does anything, so a client's handling of a failing
  service can be tested.

  Scenario Outline: <operation> answers 500 when the service fails, and keeps nothing
    Given requests are authenticated with the API key "test-partner-key"
    And the store counts are noted
    And the next request fails with an internal error
    When <method> "<path>" is sent with an empty JSON body
    Then the response status is 500
    And the error is "Internal Server Error" with the documented INTERNAL message
    And the response matches its documented schema
    And nothing was stored

    Examples:
      | operation              | method | path                           |
      | partnerAssignKey       | POST   | /v1/partner/keys               |
      | partnerStoreSecureData | POST   | /v1/partner/secure/data        |
      | partnerStoreSecureFile | POST   | /v1/partner/secure/file        |
      | assignKey              | POST   | /v1/keys                       |
      | storeSecureData        | POST   | /v1/secure/data                |
      | storeSecureFile        | POST   | /v1/secure/file                |
      | verifyKey              | GET    | /v1/keys/{{uuid}}/verify       |
      | verifyBackup           | GET    | /v1/backups/{{uuid}}/verify    |
      | verifyKeyHotAlias      | GET    | /v1/hot/keys/{{uuid}}/verify   |
      | verifyBackupHotAlias   | GET    | /v1/hot/backups/{{uuid}}/verify|
