package io.pipeline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's rate limits: ThrottlingException past an action's rate, nothing without a limit. */
class ApiRateLimitsTest {

  private static ApiRateLimits limits(String value) {
    return ApiRateLimits.from(Settings.of(Map.of("ORCHESTRATOR_API_RATE_LIMITS", value)));
  }

  /** How many of ten requests made at once are taken (within one second, or two at most). */
  private static int taken(ApiRateLimits limits, String action) {
    int taken = 0;
    for (int i = 0; i < 10; i++) {
      try {
        limits.acquire(action);
        taken++;
      } catch (ApiException e) {
        assertThat(e.type()).isEqualTo("ThrottlingException");
        assertThat(e.getMessage()).contains(action).contains("2 requests per second");
      }
    }
    return taken;
  }

  @Test
  void shouldThrottleAnActionPastItsRateAndLeaveTheOthersAlone() {
    ApiRateLimits limits = limits("StartExecution=2");

    assertThat(taken(limits, "StartExecution")).isBetween(2, 4);
    assertThat(taken(limits, "DescribeExecution")).isEqualTo(10);
  }

  @Test
  void shouldGiveTheActionsNotNamedTheRateOfTheWildcard() {
    ApiRateLimits limits = limits("StartExecution=1000, *=2");

    assertThat(taken(limits, "DescribeExecution")).isBetween(2, 4);
    assertThat(taken(limits, "ListExecutions")).isBetween(2, 4);
  }

  @Test
  void shouldTakeEverythingWithoutLimits() {
    assertThat(taken(limits(""), "StartExecution")).isEqualTo(10);
    assertThat(taken(ApiRateLimits.NONE, "StartExecution")).isEqualTo(10);
  }

  @Test
  void shouldSayWhichPairIsWrong() {
    for (String wrong : new String[] {"StartExecution", "StartExecution=0", "=5", "A=b"}) {
      assertThatThrownBy(() -> limits(wrong))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("ORCHESTRATOR_API_RATE_LIMITS")
          .hasMessageContaining("'" + wrong + "'");
    }
  }
}
