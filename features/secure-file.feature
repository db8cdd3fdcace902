Feature: Storing an encrypted file
  Files are encrypted by the client and uploaded as multipart/form-data with the file part as
  application/octet-stream, up to 10 MB. CoinCover adds no encryption of its own.

  Background:
    Given a COLD rsa4096 key is assigned

  Scenario: An encrypted file is stored
    When an encrypted file of 4096 bytes is uploaded under the key
    Then the file is stored under the key
    And the request succeeds with no fault named

  Scenario: A file over 10 MiB is refused with 413
    When an encrypted file of 10485761 bytes is uploaded under the key
    Then the response status is 413
    And the error is "Payload Too Large" with the documented PAYLOAD_TOO_LARGE message
    And the mock names the fault "file_too_large"

  Scenario: A file of exactly 10 MB is stored
    When an encrypted file of 10000000 bytes is uploaded under the key
    Then the file is stored under the key

  Scenario: A file part that is not application/octet-stream is refused with 415
    When an encrypted file of 1024 bytes is uploaded under the key as "application/zip"
    Then the response status is 415
    And the error is "Unsupported Media Type" with the documented FILE_CONTENT_TYPE message
    And the mock names the fault "file_content_type"

  Scenario: A file in the clear is stored but named
    When the text file "my seed words are written here. " is uploaded under the key
    Then the response status is 200
    And the mock names the fault "file_not_encrypted"

  Scenario: A form without a file part is a field-keyed 400
    When a form without a file part is uploaded under the key
    Then the response status is 400
    And the error body is field-keyed on "file"
    And the mock names the fault "request_invalid"

  Scenario: A multipart body cut short is a 400
    When a multipart body that ends half-way is uploaded under the key
    Then the response status is 400
    And the mock names the fault "request_malformed"

  Scenario: JSON sent to the file endpoint is a 415
    When POST "/v1/partner/secure/file" is sent with the JSON body:
      """
      {"public_key": "{{public_key}}", "file": "AAAA"}
      """
    Then the response status is 415
    And the mock names the fault "content_type_unsupported"
