package io.pipeline.transform.express;

import io.pipeline.asl.model.StateMachine;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.topic.PipelineTopics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The topology of one Express step on streams: each record of the step's source (String key, JSON
 * value) runs the step's state machine ({@link StreamStepRunner}); a succeeded execution's output
 * goes to the sink as JSON, with the record's key and timestamp; a record that is not an input (not
 * JSON, too large) or whose execution failed goes to the step's dead-letter topic as a {@link
 * DeadLetter} with the error and cause. It has no state store, so it repartitions nothing and any
 * number of instances share the source's partitions. Every node is named {@code <step>-...}, so the
 * names stay stable across deploys.
 *
 * <p>Built with the Processor API: the processor that runs the step forwards each outcome straight
 * to its sink, where the DSL would pass it through a branch and a mapping node each (a tenth of a
 * record's time in the benchmark).
 */
public final class ExpressStepTopology {

  static final String SOURCE = "-source";
  static final String RUN = "-run";
  static final String SINK = "-sink";
  static final String DEAD_LETTER_SINK = "-dead-letters-sink";

  static final String STAGE = "express-step:";

  private ExpressStepTopology() {}

  /**
   * The topology of a step.
   *
   * @param step the step: its name, source, sink and dead-letter topic
   * @param machine its state machine, validated ({@link ExpressStepDefinitions#validate})
   * @param topics the pipeline's topics, for the dead letters' serde (any dead-letter topic holds
   *     {@link DeadLetter}s)
   */
  public static Topology build(StreamStep step, StateMachine machine, PipelineTopics topics) {
    String name = step.name();
    StreamStepRunner runner = new StreamStepRunner(name, machine);
    Topology topology = new Topology();
    topology.addSource(
        name + SOURCE, new StringDeserializer(), new ByteArrayDeserializer(), step.source());
    topology.addProcessor(
        name + RUN,
        () -> new ExpressStepProcessor(runner, stage(name), name + SINK, name + DEAD_LETTER_SINK),
        name + SOURCE);
    topology.addSink(
        name + SINK, step.sink(), new StringSerializer(), new ByteArraySerializer(), name + RUN);
    topology.addSink(
        name + DEAD_LETTER_SINK,
        step.deadLetters(),
        new StringSerializer(),
        topics.transformDeadLetters().valueSerde().serializer(),
        name + RUN);
    return topology;
  }

  /** The stage a step's dead letters carry: {@code express-step:<name>}. */
  public static String stage(String step) {
    return STAGE + step;
  }
}
