package io.pipeline.transform.express;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Runs a step on each record ({@link StreamStepRunner}) and forwards how it ended, keyed and timed
 * as the record was. The record's topic, partition and offset name its execution.
 */
final class ExpressStepProcessor
    implements FixedKeyProcessor<String, byte[], ExpressStepProcessor.Ran> {

  private final StreamStepRunner runner;
  private FixedKeyProcessorContext<String, Ran> context;

  ExpressStepProcessor(StreamStepRunner runner) {
    this.runner = runner;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Ran> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
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
    context.forward(record.withValue(new Ran(read, runner.run(read))));
  }

  /** A record with how its execution ended. */
  record Ran(StreamRecord record, StepOutcome outcome) {}
}
