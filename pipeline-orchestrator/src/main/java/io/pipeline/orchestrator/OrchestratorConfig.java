package io.pipeline.orchestrator;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.orchestrator.api.ApiCredentials;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the orchestrator service.
 *
 * @param host the address the Step Functions API listens on
 * @param port its port; 0 picks a free one
 * @param region the region in the ARNs it makes
 * @param account the account id in the ARNs it makes
 * @param advertisedHost the host other instances reach this one at, or empty for the bound address
 *     (this machine's name when bound to every address)
 * @param peerKey the key instances sign their internal requests with
 * @param localPeerKey whether that key is the public local default
 * @param credentials the access keys requests to the API may be signed with
 */
public record OrchestratorConfig(
    String host,
    int port,
    String region,
    String account,
    Optional<String> advertisedHost,
    byte[] peerKey,
    boolean localPeerKey,
    ApiCredentials credentials) {

  /**
   * The public local default of {@link #PEER_KEY}: it proves nothing; set one wherever it matters.
   */
  public static final String LOCAL_PEER_KEY =
      Base64.getEncoder()
          .encodeToString("pipeline-local-peer-key-not-secret-00".getBytes(StandardCharsets.UTF_8));

  public static final Setting<String> HOST =
      Setting.string(
          "ORCHESTRATOR_HTTP_HOST", "0.0.0.0", "Address the Step Functions API listens on.");
  public static final Setting<Integer> PORT =
      Setting.integer(
          "ORCHESTRATOR_HTTP_PORT",
          8083,
          0,
          65535,
          "Port of the Step Functions API (aws stepfunctions --endpoint-url); 0 for any free port.");
  public static final Setting<String> REGION =
      Setting.string(
          "ORCHESTRATOR_REGION", "us-east-1", "The region in the ARNs the service makes.");
  public static final Setting<String> ACCOUNT =
      Setting.string(
          "ORCHESTRATOR_ACCOUNT", "000000000000", "The 12-digit account id in the ARNs it makes.");

  public static final Setting<Optional<String>> ADVERTISED_HOST =
      Setting.optionalString(
          "ORCHESTRATOR_ADVERTISED_HOST",
          "Host name or address the other instances reach this one's API port at, to ask for the"
              + " executions its partitions hold; unset: the listen address, or this machine's"
              + " name when listening on every address.");
  public static final Setting<String> PEER_KEY =
      Setting.string(
          "ORCHESTRATOR_PEER_KEY",
          LOCAL_PEER_KEY,
          "Base64 key (at least 32 bytes) the instances of an orchestrator share to sign their"
              + " internal requests; the default is a public local key.");

  public static final Setting<String> CREDENTIALS =
      Setting.string(
          "ORCHESTRATOR_CREDENTIALS",
          ApiCredentials.LOCAL,
          "Access keys the Step Functions API accepts (SigV4), as ACCESS_KEY_ID:SECRET pairs"
              + " separated by commas; the default is the documented local pair"
              + " pipeline:pipeline-secret.");

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS =
      List.of(HOST, PORT, REGION, ACCOUNT, ADVERTISED_HOST, PEER_KEY, CREDENTIALS);

  /** Reads and validates the orchestrator's settings. */
  public static OrchestratorConfig from(Settings settings) {
    String account = settings.get(ACCOUNT);
    if (!account.matches("\\d{12}")) {
      throw new ConfigException(
          "Setting ORCHESTRATOR_ACCOUNT='" + account + "' is invalid: expected 12 digits");
    }
    String region = settings.get(REGION);
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw new ConfigException(
          "Setting ORCHESTRATOR_REGION='" + region + "' is invalid: expected e.g. us-east-1");
    }
    String peerKey = settings.get(PEER_KEY);
    byte[] key;
    try {
      key = Base64.getDecoder().decode(peerKey.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Setting ORCHESTRATOR_PEER_KEY is invalid: it is not Base64");
    }
    if (key.length < 32) {
      throw new ConfigException(
          "Setting ORCHESTRATOR_PEER_KEY is invalid: "
              + key.length
              + " bytes, expected at least 32");
    }
    ApiCredentials credentials;
    try {
      credentials = ApiCredentials.parse(settings.get(CREDENTIALS));
    } catch (IllegalArgumentException e) {
      // The value is not quoted: it holds secrets.
      throw new ConfigException("Setting ORCHESTRATOR_CREDENTIALS is invalid: " + e.getMessage());
    }
    return new OrchestratorConfig(
        settings.get(HOST),
        settings.get(PORT),
        region,
        account,
        settings.get(ADVERTISED_HOST),
        key,
        peerKey.equals(LOCAL_PEER_KEY),
        credentials);
  }

  /**
   * The host other instances reach this one at: the advertised host, else the listen address, else
   * (listening on every address) this machine's name.
   */
  public String reachableHost() {
    if (advertisedHost.isPresent()) {
      return advertisedHost.get();
    }
    if (!"0.0.0.0".equals(host) && !"::".equals(host)) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
