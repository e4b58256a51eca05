package io.pipeline.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The table {@code ./pipeline bench workflows} prints: medians and ranges, ratios, the goals. */
public final class WorkflowReport {

  /** Standard transitions/s the runtime aims at on the 2-core build machine. */
  static final double STANDARD_GOAL = 10_000;

  /** ... and the share of the raw EOS rate. */
  static final double STANDARD_SHARE_GOAL = 0.5;

  static final double EXPRESS_GOAL = 100_000;
  static final long P50_GOAL_MILLIS = 30;
  static final long P99_GOAL_MILLIS = 100;

  private WorkflowReport() {}

  /** Prints the runs' figures as a Markdown table, then the latency and the goals. */
  public static void print(PrintWriter out, List<WorkflowBench.Result> runs) {
    Figures<WorkflowBench.Result> figures = new Figures<>(runs);
    out.println();
    out.println(
        runs.size() == 1 ? "One run." : "Median of " + runs.size() + " runs (range in brackets).");
    out.println();
    out.println("| path | transitions/s | executions/s | ratio to raw EOS |");
    out.println("|---|---:|---:|---:|");
    out.printf(
        "| Kafka Streams exactly_once_v2, stateful count (records/s) | %s | | 1.00 |%n",
        figures.rate(WorkflowBench.Result::rawRate));
    row(
        out,
        figures,
        "Standard: "
            + WorkflowBench.STANDARD_STATES
            + " states, one activity task"
            + " (StartExecution commands)",
        WorkflowBench.Result::standardTransitions,
        WorkflowBench.Result::standardExecutions);
    row(
        out,
        figures,
        "Express: "
            + WorkflowBench.EXPRESS_STATES
            + " states, log level ALL (Express start"
            + " records)",
        WorkflowBench.Result::expressTransitions,
        WorkflowBench.Result::expressExecutions);
    row(
        out,
        figures,
        "Express: "
            + WorkflowBench.EXPRESS_STATES
            + " states, log level OFF (counted by its"
            + " meters)",
        WorkflowBench.Result::unloggedExpressTransitions,
        WorkflowBench.Result::unloggedExpressExecutions);
    out.printf(
        "%nStandard %d-state Pass workflow, StartExecution through the API to ExecutionSucceeded"
            + " committed: p50 %s ms, p99 %s ms, max %s ms%n",
        WorkflowBench.LATENCY_STATES,
        figures.millis(r -> r.p50Millis()),
        figures.millis(r -> r.p99Millis()),
        figures.millis(r -> r.maxMillis()));
    if (runs.stream().noneMatch(r -> Double.isNaN(r.otherLoad()))) {
      out.printf(
          "%nOther processes took %s%% of the machine's CPU during the runs, this JVM's JIT"
              + " compiler %s%%.%n",
          figures.millis(r -> r.otherLoad() * 100), figures.millis(r -> r.jitLoad() * 100));
    }
    double standard = figures.median(WorkflowBench.Result::standardTransitions);
    double share = figures.median(r -> r.standardTransitions() / r.rawRate());
    double express = figures.median(WorkflowBench.Result::expressTransitions);
    double unlogged = figures.median(WorkflowBench.Result::unloggedExpressTransitions);
    double p50 = figures.median(r -> r.p50Millis());
    double p99 = figures.median(r -> r.p99Millis());
    out.printf(
        "%nGoals (medians): Standard >= %,.0f transitions/s %s, >= %.2f of raw EOS %s;"
            + " Express >= %,.0f transitions/s: log ALL %s, log OFF %s; p50 <= %d ms %s; p99 <= %d ms %s%n",
        STANDARD_GOAL,
        verdict(standard >= STANDARD_GOAL),
        STANDARD_SHARE_GOAL,
        verdict(share >= STANDARD_SHARE_GOAL),
        EXPRESS_GOAL,
        verdict(express >= EXPRESS_GOAL),
        verdict(unlogged >= EXPRESS_GOAL),
        P50_GOAL_MILLIS,
        verdict(p50 <= P50_GOAL_MILLIS),
        P99_GOAL_MILLIS,
        verdict(p99 <= P99_GOAL_MILLIS));
    out.flush();
  }

  private static void row(
      PrintWriter out,
      Figures<WorkflowBench.Result> figures,
      String path,
      ToDoubleFunction<WorkflowBench.Result> transitions,
      ToDoubleFunction<WorkflowBench.Result> executions) {
    out.printf(
        "| %s | %s | %s | %s |%n",
        path,
        figures.rate(transitions),
        figures.rate(executions),
        figures.ratio(r -> transitions.applyAsDouble(r) / r.rawRate()));
  }

  private static String verdict(boolean met) {
    return met ? "(met)" : "(NOT met)";
  }
}
