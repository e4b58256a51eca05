package io.pipeline.cli.demo;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What the demo did, as figures read back from Kafka and the Step Functions API once it ended: the
 * records each topic received during the run, and the executions of each state machine by status.
 * Printed one figure a line ({@code topic <name>: <n> records}, {@code executions <machine>:
 * <STATUS> <n>, ...}) so that people and tests read the same text.
 *
 * @param topics records received during the run, by topic
 * @param executions executions of each state machine, by status
 * @param api the Step Functions API
 * @param next commands to try next
 */
public record DemoSummary(
    SortedMap<String, Integer> topics,
    SortedMap<String, SortedMap<String, Integer>> executions,
    URI api,
    List<String> next) {

  /** Prints the summary. */
  public void print(PrintWriter out) {
    out.println();
    out.println("Summary (read back from Kafka and the Step Functions API)");
    for (Map.Entry<String, Integer> topic : topics.entrySet()) {
      out.printf("  topic %s: %d records%n", topic.getKey(), topic.getValue());
    }
    for (Map.Entry<String, SortedMap<String, Integer>> machine : executions.entrySet()) {
      StringBuilder line = new StringBuilder("  executions " + machine.getKey() + ":");
      String separator = " ";
      for (Map.Entry<String, Integer> status : machine.getValue().entrySet()) {
        line.append(separator).append(status.getKey()).append(' ').append(status.getValue());
        separator = ", ";
      }
      out.println(line);
    }
    out.println();
    out.println("Try next:");
    next.forEach(command -> out.println("  " + command));
    out.flush();
  }
}
