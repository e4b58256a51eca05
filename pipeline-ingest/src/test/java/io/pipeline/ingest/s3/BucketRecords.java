package io.pipeline.ingest.s3;

import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;

/** The records of one bucket's objects on a topic keyed by bucket/key, for the S3 tests. */
public final class BucketRecords {

  private BucketRecords() {}

  /**
   * Waits until at least {@code count} records of the bucket are on the topic, or the timeout
   * passed, then returns all of them read after {@code settle} more, duplicates included.
   */
  public static <V> List<V> await(
      String bootstrap,
      Topic<String, V> topic,
      String bucket,
      int count,
      Duration timeout,
      Duration settle) {
    return TopicReader.awaitMatching(
            bootstrap, topic.name(), r -> r.key().startsWith(bucket + "/"), count, timeout, settle)
        .stream()
        .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
        .toList();
  }
}
