package io.pipeline.orchestrator.integrations;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials an HTTP Task sends, in place of the EventBridge connection its {@code
 * Authentication.ConnectionArn} names. The types are EventBridge's authorization types. No {@code
 * toString} shows a secret.
 */
public sealed interface HttpConnection {

  /** A connection that adds no credentials, for public APIs. */
  record None() implements HttpConnection {}

  /**
   * HTTP Basic authentication.
   *
   * @param username without a colon (RFC 7617)
   * @param password the secret
   */
  record Basic(String username, String password) implements HttpConnection {

    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Basic[username=" + username + ", password=****]";
    }
  }

  /**
   * An API key sent as a header, e.g. {@code x-api-key}, or {@code Authorization} with {@code
   * Bearer ...}.
   *
   * @param name the header's name
   * @param value the secret
   */
  record ApiKey(String name, String value) implements HttpConnection {

    public ApiKey {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "ApiKey[name=" + name + ", value=****]";
    }
  }

  /**
   * OAuth 2.0 client credentials (RFC 6749, 4.4): a token is fetched from the token endpoint with
   * the client's id and secret (HTTP Basic), kept until shortly before it expires, and sent as
   * {@code Authorization: Bearer}.
   *
   * @param tokenEndpoint where tokens come from
   * @param clientId the client's id
   * @param clientSecret the secret
   * @param scope the scope asked for, if any
   */
  record OAuthClientCredentials(
      URI tokenEndpoint, String clientId, String clientSecret, Optional<String> scope)
      implements HttpConnection {

    public OAuthClientCredentials {
      Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      Objects.requireNonNull(scope, "scope");
    }

    @Override
    public String toString() {
      return "OAuthClientCredentials[tokenEndpoint="
          + tokenEndpoint
          + ", clientId="
          + clientId
          + ", clientSecret=****, scope="
          + scope.orElse("")
          + "]";
    }
  }
}
