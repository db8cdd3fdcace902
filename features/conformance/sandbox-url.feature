@conformance
Feature: No CoinCover sandbox URL in production configuration
  A sandbox base URL left in production configuration is one of the guide's classic mistakes,
  and no server can see it. The runner looks at what the client connects to with its production
  configuration (the first refused connection hides the JWKS host, so the client also reports its
  production endpoints in functions mode), and lints the files given with --config.

  @req-sandbox-url-runtime
  Scenario: With its production configuration the client connects to no sandbox host
    When the client runs with its production configuration behind a recording proxy
    Then it reached for no CoinCover sandbox host

  @req-sandbox-jwks-production
  Scenario: The production configuration's JWKS URL is not a sandbox host
    When the client reports the endpoints of its production configuration
    Then neither its base URL nor its JWKS URL is a CoinCover sandbox host

  @req-sandbox-url-config
  Scenario: The production configuration files name no sandbox host
    When the production configuration files are checked
    Then none of them points at a CoinCover sandbox host
