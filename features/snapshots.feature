Feature: Snapshots of the mock's state, loaded back with --seed
  GET /_mock/snapshot exports the keys and backups in the seed file format. Private keys are
  exported only by a mock started with --snapshot-private-keys; such a snapshot loads into an
  empty mock with --seed and reproduces the state.

  Scenario: Without the flag the snapshot leaves out every private key, and says so
    Given the client authenticates with the API key "test-standard-key"
    And the institution assigns an rsa4096 key in the HOT environment
    And the institution backs up "seed words" under its key
    And the backup is stored with the checksum of "seed words"
    When the client takes a snapshot
    Then the snapshot lists every key without its private key, and says so

  Scenario: A snapshot with private keys loads into an empty mock and reproduces its state
    Given a mock of its own started with "--snapshot-private-keys"
    And the client assigns a COLD key binding "pulled_by_id"
    And the client authenticates with the API key "test-standard-key"
    When the institution assigns keys of every type in both environments
    And the institution backs up "legal winner thank year wave sausage worth useful" under its key
    And the institution uploads an encrypted file of 2048 bytes under its key
    And the client takes a snapshot
    And a new mock is started with the snapshot as its seed
    Then its ready line reports every key and backup of the snapshot seeded
    And the mock holds exactly what the snapshot holds
    And every key and backup answered 200 is held again and verifies
    When the institution backs up "stored after the restore" under its key
    Then the backup is stored with the checksum of "stored after the restore"
