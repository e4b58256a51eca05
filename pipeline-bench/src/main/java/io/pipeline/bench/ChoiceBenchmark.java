package io.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.model.StateMachine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * State transitions per second of a loop driven by a Choice state, on one thread: each invocation
 * runs {@link Definitions#choiceLoop()} ({@value Definitions#CHOICE_ROUNDS} rounds of a {@code
 * States.MathAdd} Pass and a Choice with And, Or and Not rules, then a Succeed) to its end; the
 * score counts every state entered, {@value Definitions#CHOICE_STATES} per run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ChoiceBenchmark {

  private StateMachine machine;
  private JsonNode input;

  /** Parses the definition once, and checks that one run of it succeeds. */
  @Setup
  public void setUp() {
    machine = Definitions.parse(Definitions.choiceLoop());
    input = Definitions.choiceLoopInput();
    Definitions.runChecked(machine, input);
  }

  /**
   * One execution from start to end; the score counts every state entered (Pass, Choice and the
   * final Succeed).
   */
  @Benchmark
  @OperationsPerInvocation(Definitions.CHOICE_STATES)
  public void run(Blackhole blackhole) {
    blackhole.consume(Definitions.run(machine, input));
  }
}
