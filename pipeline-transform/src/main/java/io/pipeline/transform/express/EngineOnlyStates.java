package io.pipeline.transform.express;

import io.pipeline.asl.model.MapState;
import io.pipeline.asl.model.ParallelState;
import io.pipeline.asl.model.State;
import io.pipeline.asl.model.StateMachine;
import io.pipeline.asl.model.TaskState;
import io.pipeline.asl.model.WaitState;
import io.pipeline.asl.parse.Pointers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Finds the states an Express step on streams cannot run, at any depth (Parallel branches, Map item
 * processors): those that need something outside the engine. A Task calls a service, a Wait needs a
 * timer, a Map in {@code DISTRIBUTED} mode starts child executions, an {@code ItemReader} or a
 * {@code ResultWriter} reads or writes S3. What remains (Pass, Choice, INLINE Map, Parallel,
 * Succeed, Fail) runs to its end inside one record's processing.
 */
final class EngineOnlyStates {

  /** The states a step may use, for messages. */
  static final String ALLOWED = "Pass, Choice, Map (INLINE), Parallel, Succeed and Fail";

  /**
   * A state a step cannot run.
   *
   * @param state the state's name
   * @param pointer where it is: a JSON Pointer into the definition, e.g. {@code
   *     /States/Fan/Branches/0/States/Lookup}
   * @param problem what it needs that the engine does not give
   */
  record Refusal(String state, String pointer, String problem) {}

  private EngineOnlyStates() {}

  /** Every state of a valid machine that a step cannot run, in the definition's order. */
  static List<Refusal> refusals(StateMachine machine) {
    List<Refusal> found = new ArrayList<>();
    walk(machine, "", found);
    return found;
  }

  private static void walk(StateMachine machine, String at, List<Refusal> found) {
    String statesAt = Pointers.field(at, "States");
    // The model's map has no order; the definition's JSON keeps the states as written.
    for (Iterator<String> names = machine.json().path("States").fieldNames(); names.hasNext(); ) {
      String name = names.next();
      State state = machine.state(name);
      String stateAt = Pointers.field(statesAt, name);
      if (state instanceof TaskState task) {
        found.add(
            new Refusal(
                name,
                stateAt,
                "a Task state calls a service outside the engine ('"
                    + task.resource()
                    + "'); an express step runs only "
                    + ALLOWED
                    + " states"));
      } else if (state instanceof WaitState) {
        found.add(
            new Refusal(
                name,
                stateAt,
                "a Wait state needs a timer; an express step runs only " + ALLOWED + " states"));
      } else if (state instanceof ParallelState parallel) {
        String branchesAt = Pointers.field(stateAt, "Branches");
        for (int i = 0; i < parallel.branches().size(); i++) {
          walk(parallel.branches().get(i), Pointers.index(branchesAt, i), found);
        }
      } else if (state instanceof MapState map) {
        map(name, map, stateAt, found);
      }
    }
  }

  private static void map(String name, MapState map, String stateAt, List<Refusal> found) {
    String processor = map.json().has("ItemProcessor") ? "ItemProcessor" : "Iterator";
    if (map.distributed()) {
      found.add(
          new Refusal(
              name,
              Pointers.field(Pointers.field(stateAt, processor), "ProcessorConfig"),
              "a Map state in DISTRIBUTED mode runs its items as child executions; an express"
                  + " step runs INLINE Maps only"));
    }
    if (map.itemReader().isPresent()) {
      found.add(
          new Refusal(
              name,
              Pointers.field(stateAt, "ItemReader"),
              "a Map state's ItemReader reads its items outside the engine; an express step's Map"
                  + " takes them from its input"));
    }
    if (map.resultWriter().isPresent()) {
      found.add(
          new Refusal(
              name,
              Pointers.field(stateAt, "ResultWriter"),
              "a Map state's ResultWriter writes its results outside the engine; an express"
                  + " step's Map returns them as its result"));
    }
    walk(map.processor(), Pointers.field(stateAt, processor), found);
  }
}
