package io.pipeline.transform.express;

import io.pipeline.asl.model.StateMachine;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.topic.PipelineTopics;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The topology of one Express step on streams: each record of the step's source (String key, JSON
 * value) runs the step's state machine ({@link StreamStepRunner}); a succeeded execution's output
 * goes to the sink as JSON, with the record's key and timestamp; a record that is not an input (not
 * JSON, too large) or whose execution failed goes to the step's dead-letter topic as a {@link
 * DeadLetter} with the error and cause. It has no state store, so it repartitions nothing and any
 * number of instances share the source's partitions. Every node is named {@code <step>-...}, so the
 * names stay stable across deploys.
 */
public final class ExpressStepTopology {

  static final String SOURCE = "-source";
  static final String RUN = "-run";
  static final String BRANCH = "-outcome-";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String OUTPUT = "-output";
  static final String SINK = "-sink";
  static final String DEAD_LETTER = "-dead-letter";
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
    StreamsBuilder builder = new StreamsBuilder();
    Map<String, KStream<String, ExpressStepProcessor.Ran>> outcomes =
        builder.stream(
                step.source(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + SOURCE))
            .processValues(() -> new ExpressStepProcessor(runner), Named.as(name + RUN))
            .split(Named.as(name + BRANCH))
            .branch(
                (key, ran) -> ran.outcome() instanceof StepOutcome.Succeeded,
                Branched.as(SUCCEEDED))
            .defaultBranch(Branched.as(FAILED));
    outcomes
        .get(name + BRANCH + SUCCEEDED)
        .mapValues(ran -> ((StepOutcome.Succeeded) ran.outcome()).output(), Named.as(name + OUTPUT))
        .to(step.sink(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name + SINK));
    outcomes
        .get(name + BRANCH + FAILED)
        .mapValues(ran -> deadLetter(name, ran), Named.as(name + DEAD_LETTER))
        .to(
            step.deadLetters(),
            Produced.with(Serdes.String(), topics.transformDeadLetters().valueSerde())
                .withName(name + DEAD_LETTER_SINK));
    return builder.build();
  }

  /** The stage a step's dead letters carry: {@code express-step:<name>}. */
  public static String stage(String step) {
    return STAGE + step;
  }

  /** The dead letter of a record that gave no output. */
  static DeadLetter deadLetter(String step, ExpressStepProcessor.Ran ran) {
    StepOutcome.Failed failed = (StepOutcome.Failed) ran.outcome();
    StreamRecord record = ran.record();
    return DeadLetter.newBuilder()
        .setStage(stage(step))
        .setOrigin(record.origin())
        .setReason(failed.reason())
        .setPayload(ByteBuffer.wrap(record.value() == null ? new byte[0] : record.value()))
        .setAttributes(
            Map.of(
                "error", failed.error(),
                "cause", failed.cause(),
                "executionArn", failed.executionArn()))
        .setFailedAt(record.timestamp())
        .build();
  }
}
