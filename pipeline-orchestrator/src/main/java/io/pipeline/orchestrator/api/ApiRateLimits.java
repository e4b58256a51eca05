package io.pipeline.orchestrator.api;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many requests of each action an instance takes per second; past that, Step Functions' {@code
 * ThrottlingException}, which the AWS SDKs and CLI answer by backing off and trying again. Off
 * unless configured: a self-hosted orchestrator has no tenants to shield from each other, but an
 * operator may cap what clients can push into Kafka.
 */
public final class ApiRateLimits {

  public static final Setting<List<String>> RATE_LIMITS =
      Setting.list(
          "ORCHESTRATOR_API_RATE_LIMITS",
          "",
          "Requests per second each instance takes of an action before it answers"
              + " ThrottlingException, as Action=rate pairs separated by commas; '*' sets the rate"
              + " of the actions not named (e.g. StartExecution=300,*=1000). Empty: no limit.");

  /** The settings this class reads, for documentation. */
  public static final List<Setting<?>> SETTINGS = List.of(RATE_LIMITS);

  /** No limit for any action. */
  public static final ApiRateLimits NONE = new ApiRateLimits(Map.of());

  private static final String OTHERS = "*";

  private final Map<String, Integer> rates;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  private ApiRateLimits(Map<String, Integer> rates) {
    this.rates = Map.copyOf(rates);
  }

  /** Reads {@link #RATE_LIMITS}. */
  public static ApiRateLimits from(Settings settings) {
    Map<String, Integer> rates = new HashMap<>();
    for (String pair : settings.get(RATE_LIMITS)) {
      String[] parts = pair.split("=", -1);
      Optional<Integer> rate = parts.length == 2 ? positive(parts[1].trim()) : Optional.empty();
      if (parts[0].isBlank() || rate.isEmpty()) {
        throw new ConfigException(
            "Setting ORCHESTRATOR_API_RATE_LIMITS is invalid at '"
                + pair
                + "': expected Action=requests per second (a whole number above 0), or *=rate");
      }
      rates.put(parts[0].trim(), rate.get());
    }
    return new ApiRateLimits(rates);
  }

  private static Optional<Integer> positive(String text) {
    try {
      int value = Integer.parseInt(text);
      return value > 0 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Takes one request of an action.
   *
   * @throws ApiException {@code ThrottlingException} when the action is over its rate
   */
  void acquire(String action) {
    Integer rate = rates.getOrDefault(action, rates.get(OTHERS));
    if (rate == null) {
      return;
    }
    RateLimiter limiter =
        limiters.computeIfAbsent(
            action,
            name ->
                RateLimiter.of(
                    name,
                    RateLimiterConfig.custom()
                        .limitForPeriod(rate)
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ZERO)
                        .build()));
    if (!limiter.acquirePermission()) {
      throw new ApiException(
          "ThrottlingException",
          "Rate exceeded: " + action + " takes " + rate + " requests per second on this instance");
    }
  }
}
