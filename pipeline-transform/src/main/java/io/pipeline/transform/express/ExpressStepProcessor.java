package io.pipeline.transform.express;

import io.pipeline.schemas.dlq.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Runs a step on each record ({@link StreamStepRunner}) and forwards how it ended, keyed and timed
 * as the record was: a succeeded execution's output to the sink, anything else as a {@link
 * DeadLetter} to the dead-letter sink. The record's topic, partition and offset name its execution.
 */
final class ExpressStepProcessor implements Processor<String, byte[], String, Object> {

  private final StreamStepRunner runner;
  private final String stage;
  private final String sink;
  private final String deadLetterSink;
  private ProcessorContext<String, Object> context;

  /**
   * @param runner runs the step
   * @param stage the stage its dead letters name
   * @param sink the name of the node outputs go to
   * @param deadLetterSink the name of the node dead letters go to
   */
  ExpressStepProcessor(StreamStepRunner runner, String stage, String sink, String deadLetterSink) {
    this.runner = runner;
    this.stage = stage;
    this.sink = sink;
    this.deadLetterSink = deadLetterSink;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    RecordMetadata metadata =
        context
            .recordMetadata()
            .orElseThrow(() -> new IllegalStateException("a record read has its topic and offset"));
    StreamRecord read =
        new StreamRecord(
            metadata.topic(),
            metadata.partition(),
            metadata.offset(),
            Instant.ofEpochMilli(record.timestamp()),
            record.value());
    StepOutcome outcome = runner.run(read);
    if (outcome instanceof StepOutcome.Succeeded succeeded) {
      context.forward(record.withValue(succeeded.output()), sink);
    } else {
      context.forward(
          record.withValue(deadLetter(read, (StepOutcome.Failed) outcome)), deadLetterSink);
    }
  }

  /** The dead letter of a record that gave no output. */
  private DeadLetter deadLetter(StreamRecord record, StepOutcome.Failed failed) {
    return DeadLetter.newBuilder()
        .setStage(stage)
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
