Feature: State that survives a restart (--data-dir)
  With --data-dir the mock keeps its keys (private halves included: test keys), backups and
  journal in a SQLite database, and commits each request's writes before it answers. A restart on
  the same directory, even after SIGKILL in the middle of a stream of stores, loses nothing that
  was answered 200. A directory that is not the mock's, or no longer sound, stops it at start.

  Scenario: Keys, backups and the journal survive a clean restart
    Given a mock of the scenario's own on a new data directory
    And requests are authenticated with the API key "test-standard-key"
    When keys of every type are assigned in both environments on the standard endpoint
    And "legal winner thank year wave sausage worth useful" is backed up under the key on the standard endpoint
    And an encrypted file of 4096 bytes is uploaded under the key on the standard endpoint
    And a snapshot is taken
    And the mock is stopped
    And the mock is started again on the same data directory
    Then the mock holds exactly what the snapshot holds
    And every key and backup answered 200 is held again and verifies
    And the journal still holds every request the scenario sent

  Scenario: SIGKILL in the middle of a stream of stores loses no backup that was answered 200
    Given a mock of the scenario's own on a new data directory
    And requests are authenticated with the API key "test-standard-key"
    And a COLD ed25519 key is assigned on the standard endpoint
    And a HOT rsa4096 key is assigned on the standard endpoint
    When stores stream over 8 connections and the mock is killed with SIGKILL after 40 are acknowledged
    And the mock is started again on the same data directory
    Then every key and backup answered 200 is held again and verifies

  Scenario: A seed file fills a data directory once, and never overwrites
    Given a mock of the scenario's own on a new data directory, seeded with "fixtures/seeds/vector-key.test.json, fixtures/seeds/backups.test.json"
    Then its ready line reports 3 keys and 4 backups seeded
    When the mock is stopped
    And the mock is started again with the same arguments
    Then its ready line reports 0 keys and 0 backups seeded
    And the mock holds 3 keys and 4 backups

  Scenario Outline: A data directory holding <what> stops the mock at start
    Given a data directory holding "<what>"
    When a mock is started on that data directory
    Then it refuses to start, naming <named> and saying "<saying>"

    Examples:
      | what                                  | named     | saying                                          |
      | a file that is not a database         | database  | not a SQLite database                           |
      | another program's SQLite database     | database  | not a coincover-mock data directory             |
      | other files and no database           | directory | holds other files                               |
      | a regular file instead of a directory | directory | not a directory                                 |

  Scenario Outline: A data directory changed behind the mock's back (<change>) stops it at start
    Given a data directory a mock has written, holding keys and backups
    When the data directory is changed behind its back: "<change>"
    And a mock is started on that data directory
    Then it refuses to start, naming database and saying "<saying>"

    Examples:
      | change                                   | saying                                    |
      | a key whose private key was replaced     | is damaged: its private key is ed25519    |
      | a newer format                           | written in format coincover-mock-data/2   |
      | a backup whose ciphertext was cut short  | is damaged                                |
      | a torn page                              | the database is corrupt                   |

  Scenario: A second mock on the same data directory is refused while the first runs
    Given a mock of the scenario's own on a new data directory
    When a mock is started on that data directory
    Then it refuses to start, naming database and saying "in use by another process"

  Scenario Outline: A seed file holding <what> stops the mock at start
    Given a seed file holding "<what>"
    When a mock is started with that seed file
    Then it refuses to start, naming seed and saying "<saying>"

    Examples:
      | what                                  | saying                                                                 |
      | nothing: the file does not exist      | cannot be read (ENOENT                                                 |
      | text that is not JSON                 | not JSON                                                               |
      | JSON of another format                | not a coincover-mock-seed/1 file                                       |
      | an RSA-2048 key                       | is an RSA-2048 key; the mock holds only RSA-4096, secp256k1 and ed25519 keys |
      | a P-256 key                           | is an EC prime256v1 key                                                |
      | an ed25519 key labelled secp256k1     | private_key_pem holds a key of type ed25519, but key_type says secp256k1 |
      | a key type the service does not issue | key_type                                                               |
      | a snapshot taken without private keys | a snapshot taken without private keys cannot be loaded                 |
      | a backup under a key it does not hold | names no key in the seed files or the data directory                   |
      | a backup under a signer key           | signer key; backups are stored under rsa4096 keys                      |

  Scenario: A seed file that is a directory stops the mock at start
    Given a seed file that is a directory
    When a mock is started with that seed file
    Then it refuses to start, naming seed and saying "cannot be read (EISDIR"

  Scenario: A seed that fails adds nothing to the data directory
    Given a data directory a mock has written, holding nothing
    And a seed file holding "a good key and a backup under a key it does not hold"
    When a mock is started on the same data directory with that seed file
    Then it refuses to start, naming seed and saying "names no key"
    When the mock is started again on the same data directory
    Then the mock holds 0 keys and 0 backups
