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
 * JSONata Pass states per second on one thread: each invocation runs {@link
 * Definitions#jsonataChain()}, {@value Definitions#JSONATA_STATES} states whose {@code Output} and
 * {@code Assign} are JSONata expressions; the score is in states per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class JsonataOutputBenchmark {

  private StateMachine machine;
  private JsonNode input;

  /** Parses the definition once, and checks that one run of it succeeds. */
  @Setup
  public void setUp() {
    machine = Definitions.parse(Definitions.jsonataChain());
    input = Definitions.jsonataChainInput();
    Definitions.runChecked(machine, input);
  }

  /** One execution from start to end; the score counts Pass state transitions. */
  @Benchmark
  @OperationsPerInvocation(Definitions.JSONATA_STATES)
  public void run(Blackhole blackhole) {
    blackhole.consume(Definitions.run(machine, input));
  }
}
