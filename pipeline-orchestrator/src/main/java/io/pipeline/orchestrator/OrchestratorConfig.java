package io.pipeline.orchestrator;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.util.List;

/**
 * Settings of the orchestrator service.
 *
 * @param host the address the Step Functions API listens on
 * @param port its port; 0 picks a free one
 * @param region the region in the ARNs it makes
 * @param account the account id in the ARNs it makes
 */
public record OrchestratorConfig(String host, int port, String region, String account) {

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

  /** The settings this record reads, for documentation. */
  public static final List<Setting<?>> SETTINGS = List.of(HOST, PORT, REGION, ACCOUNT);

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
    return new OrchestratorConfig(settings.get(HOST), settings.get(PORT), region, account);
  }
}
