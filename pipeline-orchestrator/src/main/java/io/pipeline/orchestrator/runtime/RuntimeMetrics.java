package io.pipeline.orchestrator.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipeline.asl.interpreter.ExecutionStatus;
import io.pipeline.asl.interpreter.HistoryEvent;
import java.time.Duration;
import java.util.List;

/**
 * The Standard runtime's meters: executions started and closed per state machine and status, state
 * transitions, timer lag (due to fired) and commands refused per reason.
 */
public final class RuntimeMetrics {

  private final MeterRegistry registry;
  private final Timer timerLag;

  public RuntimeMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.timerLag =
        Timer.builder("pipeline.orchestrator.timer.lag")
            .description("How late timers fire after their due time")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  void started(String stateMachineArn) {
    executions(stateMachineArn, "started").increment();
  }

  void closed(String stateMachineArn, ExecutionStatus status) {
    executions(stateMachineArn, status.name().toLowerCase(java.util.Locale.ROOT)).increment();
  }

  private Counter executions(String stateMachineArn, String outcome) {
    return Counter.builder("pipeline.orchestrator.executions")
        .description("Standard executions started, and closed by status")
        .tag("state_machine", stateMachineArn)
        .tag("outcome", outcome)
        .register(registry);
  }

  void transitions(String stateMachineArn, List<HistoryEvent> events) {
    long entered = events.stream().filter(e -> e.type().endsWith("StateEntered")).count();
    if (entered > 0) {
      Counter.builder("pipeline.orchestrator.state.transitions")
          .description("States entered")
          .tag("state_machine", stateMachineArn)
          .register(registry)
          .increment(entered);
    }
  }

  void taskLatency(String stateMachineArn, Duration latency) {
    Timer.builder("pipeline.orchestrator.task.latency")
        .description("From a task's request to its result")
        .tag("state_machine", stateMachineArn)
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(latency);
  }

  void timerFired(Duration lag) {
    timerLag.record(lag.isNegative() ? Duration.ZERO : lag);
  }

  void rejectedCommand(String reason) {
    Counter.builder("pipeline.orchestrator.commands.rejected")
        .description("Commands refused, by error")
        .tag("error", reason)
        .register(registry)
        .increment();
  }
}
