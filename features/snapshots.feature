Feature: Snapshots of the mock's state, loaded back with --seed
  GET /_mock/snapshot exports the keys and backups in the seed file format. Private keys are
  exported only by a mock started with --snapshot-private-keys; such a snapshot loads into an
  empty mock with --seed and reproduces the state.

  Scenario: Without the flag the snapshot leaves out every private key, and says so
    Given requests are authenticated with the API key "test-standard-key"
    And a HOT rsa4096 key is assigned on the standard endpoint
    And "seed words" is backed up under the key on the standard endpoint
    And the backup is stored with the checksum of "seed words"
    When a snapshot is taken
    Then the snapshot lists every key without its private key, and says so

  Scenario: A snapshot with private keys loads into an empty mock and reproduces its state
    Given a mock of the scenario's own, started with "--snapshot-private-keys"
    And a COLD rsa4096 key is assigned binding "pulled_by_id"
    And requests are authenticated with the API key "test-standard-key"
    When keys of every type are assigned in both environments on the standard endpoint
    And "legal winner thank year wave sausage worth useful" is backed up under the key on the standard endpoint
    And an encrypted file of 2048 bytes is uploaded under the key on the standard endpoint
    And a snapshot is taken
    And a new mock is started with the snapshot as its seed
    Then its ready line reports every key and backup of the snapshot seeded
    And the mock holds exactly what the snapshot holds
    And every key and backup answered 200 is held again and verifies
    When "stored after the restore" is backed up under the key on the standard endpoint
    Then the backup is stored with the checksum of "stored after the restore"
