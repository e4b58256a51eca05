package io.pipeline.cli.bench;

import java.io.PrintWriter;
import java.util.List;

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
    out.printf(
        "| Standard: %d states, one activity task (StartExecution commands) | %s | %s | %s |%n",
        WorkflowBench.STANDARD_STATES,
        figures.rate(WorkflowBench.Result::standardTransitions),
        figures.rate(WorkflowBench.Result::standardExecutions),
        figures.ratio(r -> r.standardTransitions() / r.rawRate()));
    out.printf(
        "| Express: %d states, log level ALL (Express start records) | %s | %s | %s |%n",
        WorkflowBench.EXPRESS_STATES,
        figures.rate(WorkflowBench.Result::expressTransitions),
        figures.rate(WorkflowBench.Result::expressExecutions),
        figures.ratio(r -> r.expressTransitions() / r.rawRate()));
    out.printf(
        "%nStandard %d-state Pass workflow, StartExecution through the API to ExecutionSucceeded"
            + " committed: p50 %s ms, p99 %s ms, max %s ms%n",
        WorkflowBench.LATENCY_STATES,
        figures.millis(r -> r.p50Millis()),
        figures.millis(r -> r.p99Millis()),
        figures.millis(r -> r.maxMillis()));
    double standard = figures.median(WorkflowBench.Result::standardTransitions);
    double share = figures.median(r -> r.standardTransitions() / r.rawRate());
    double express = figures.median(WorkflowBench.Result::expressTransitions);
    double p50 = figures.median(r -> r.p50Millis());
    double p99 = figures.median(r -> r.p99Millis());
    out.printf(
        "%nGoals (medians): Standard >= %,.0f transitions/s %s, >= %.2f of raw EOS %s;"
            + " Express >= %,.0f transitions/s %s; p50 <= %d ms %s; p99 <= %d ms %s%n",
        STANDARD_GOAL,
        verdict(standard >= STANDARD_GOAL),
        STANDARD_SHARE_GOAL,
        verdict(share >= STANDARD_SHARE_GOAL),
        EXPRESS_GOAL,
        verdict(express >= EXPRESS_GOAL),
        P50_GOAL_MILLIS,
        verdict(p50 <= P50_GOAL_MILLIS),
        P99_GOAL_MILLIS,
        verdict(p99 <= P99_GOAL_MILLIS));
    out.flush();
  }

  private static String verdict(boolean met) {
    return met ? "(met)" : "(NOT met)";
  }
}
