@conformance
Feature: No CoinCover sandbox URL in production configuration
  A sandbox base URL left in production configuration is one of the guide's classic mistakes,
  and no server can see it. The runner looks at what the client connects to with its production
  configuration, and lints the production configuration files given with --config.

  @req-sandbox-url-runtime
  Scenario: With its production configuration the client connects to no sandbox host
    When the client runs with its production configuration behind a recording proxy
    Then it reached for no CoinCover sandbox host

  @req-sandbox-url-config
  Scenario: The production configuration files name no sandbox host
    When the production configuration files are checked
    Then none of them points at a CoinCover sandbox host
