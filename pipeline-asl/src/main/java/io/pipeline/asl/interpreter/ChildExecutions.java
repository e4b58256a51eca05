package io.pipeline.asl.interpreter;

import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.ParallelState;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateMachine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The child executions of Distributed Map states: where their state machine is in the parent's, and
 * the ARNs of runs and children, formed as AWS forms them: {@code
 * arn:aws:states:<region>:<account>:mapRun:<state machine>/<label>:<run id>} for a run, {@code
 * ...:execution:<state machine>/<label>:<name>} for a Standard child and {@code ...:express:...}
 * for an Express one. A child's own state machine is named {@code <state machine>/<label>}.
 */
public final class ChildExecutions {

  private static final Pattern MACHINE =
      Pattern.compile("(arn:[^:]+:states:[^:]*:[^:]*):stateMachine:([^:]+)(?::.*)?");

  /**
   * The error a child execution that was stopped (aborted) reports to its Map, which counts it as
   * aborted, not failed.
   */
  public static final String ABORTED = "States.Aborted";

  /** The error a child execution that timed out reports to its Map. */
  public static final String TIMED_OUT = io.pipeline.asl.error.StatesErrors.TIMEOUT;

  private ChildExecutions() {}

  /**
   * The state machine a Distributed Map's children run: the item processor of the Map state the
   * path leads to. A path names states from the top, with a branch's index after each Parallel
   * state on the way, e.g. {@code [Fan out, 1, Split]}.
   *
   * @throws IllegalArgumentException when the path leads to no Map state of the machine
   */
  public static StateMachine processor(StateMachine root, List<String> path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("an empty path leads to no Map state");
    }
    StateMachine machine = root;
    for (int i = 0; i < path.size(); i++) {
      State state = machine.states().get(path.get(i));
      if (state instanceof ParallelState parallel && i + 1 < path.size()) {
        int branch = branchIndex(path, ++i);
        if (branch >= parallel.branches().size()) {
          throw new IllegalArgumentException("no branch " + branch + " in " + path);
        }
        machine = parallel.branches().get(branch);
      } else if (state instanceof MapState map) {
        machine = map.processor();
      } else {
        throw new IllegalArgumentException("no Map state at " + path.subList(0, i + 1));
      }
    }
    return machine;
  }

  private static int branchIndex(List<String> path, int at) {
    try {
      return Integer.parseInt(path.get(at));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("no branch index at " + at + " of " + path, e);
    }
  }

  /** The path of the Map state a frame is in, from its execution's top. */
  static List<String> processorPath(Execution execution, Frame frame) {
    List<String> path = new ArrayList<>();
    Frame at = frame;
    path.add(at.state);
    while (at.parent.isPresent()) {
      Frame parent = at.parent.get();
      if (execution.stateOf(parent) instanceof ParallelState) {
        path.add(String.valueOf(at.index));
      }
      path.add(parent.state);
      at = parent;
    }
    java.util.Collections.reverse(path);
    return List.copyOf(path);
  }

  /**
   * The ARN of the state machine a Map Run's children run: the parent's, then the Map's label
   * ({@code arn:...:stateMachine:<state machine>/<label>}).
   */
  public static String stateMachineArn(String mapRunArn) {
    return mapRunArn
        .substring(0, mapRunArn.lastIndexOf(':'))
        .replaceFirst(":mapRun:", ":stateMachine:");
  }

  /**
   * The names a Map Run's child shows in its context object: its ARN and name, and the state
   * machine it runs, {@code <state machine>/<label>}.
   *
   * @param roleArn the role of the parent's state machine
   */
  public static ExecutionIdentity childIdentity(
      String executionArn, String mapRunArn, String roleArn) {
    String machineArn = stateMachineArn(mapRunArn);
    return new ExecutionIdentity(
        executionArn,
        executionArn.substring(executionArn.lastIndexOf(':') + 1),
        machineArn,
        machineArn.substring(machineArn.indexOf(":stateMachine:") + ":stateMachine:".length()),
        roleArn,
        false);
  }

  /** A run's ARN. */
  static String mapRunArn(ExecutionIdentity identity, String label, String seed) {
    return arn(identity, "mapRun", label, uuid("map-run:" + seed));
  }

  /** A child's ARN. */
  static String childArn(ExecutionIdentity identity, String label, boolean express, String seed) {
    return arn(identity, express ? "express" : "execution", label, uuid("child:" + seed));
  }

  private static String arn(ExecutionIdentity identity, String kind, String label, String id) {
    Matcher machine = MACHINE.matcher(identity.stateMachineArn());
    String prefix = machine.matches() ? machine.group(1) : "arn:aws:states:us-east-1:000000000000";
    String name = machine.matches() ? machine.group(2) : identity.stateMachineName();
    return prefix + ":" + kind + ":" + name + "/" + label + ":" + id;
  }

  private static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
