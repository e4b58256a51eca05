package io.pipeline.ingest.s3;

import io.micrometer.core.instrument.Tags;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.schemas.s3.S3ListingEntry;
import io.pipeline.schemas.s3.S3ObjectEvent;
import io.pipeline.schemas.serde.RecordDecodingException;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Finds new objects by listing buckets on an interval and writes an {@link S3ObjectEvent} for each,
 * exactly once: the event and the bridge's memory of the object (a compacted state topic) are
 * written in one Kafka transaction, and the memory is rebuilt from committed records at start-up,
 * so neither a restart nor a crash reports an object twice or loses one.
 *
 * <p>One transactional id per set of buckets: a second bridge started for the same buckets fences
 * the first, which stops.
 */
public final class S3ListingBridge implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(S3ListingBridge.class);
  private static final Duration STATE_READ_TIMEOUT = Duration.ofSeconds(60);

  private final S3ListingConfig config;
  private final KafkaSettings kafka;
  private final Topic<String, S3ObjectEvent> events;
  private final Topic<String, S3ListingEntry> state;
  private final S3Client s3;
  private final Clock clock;
  private final Map<String, ListingMemory> memories = new TreeMap<>();
  private final Map<String, String> bucketProblems = new HashMap<>();
  private final ScheduledExecutorService loop;
  private final IngestMetrics metrics;
  private KafkaProducer<String, byte[]> producer;
  private volatile boolean stopped;

  /** The {@code source} tag of the listing bridge's metrics. */
  public static final String SOURCE = "listing";

  /**
   * @param config which buckets, which prefix, how often
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param s3 the S3 client; the bridge does not close it
   * @param metrics where objects reported, failed passes and commit times are counted
   * @param clock the time put in {@code observedAt}
   */
  public S3ListingBridge(
      S3ListingConfig config,
      KafkaSettings kafka,
      PipelineTopics topics,
      S3Client s3,
      IngestMetrics metrics,
      Clock clock) {
    this.config = config;
    this.metrics = metrics;
    this.kafka = kafka;
    this.events = topics.s3ObjectEvents();
    this.state = topics.s3ListingState();
    this.s3 = s3;
    this.clock = clock;
    this.loop =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("s3-listing-bridge"));
    config.bucketNames().forEach(b -> memories.put(b, new ListingMemory()));
  }

  /** The transactional id of a bridge for these buckets. */
  static String transactionalId(List<String> buckets) {
    return "pipeline.s3-listing." + String.join("+", new java.util.TreeSet<>(buckets));
  }

  /**
   * Fences any earlier bridge for the same buckets, rebuilds the memory from the state topic, and
   * starts listing on the configured interval.
   */
  public void start() {
    producer =
        new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
    producer.initTransactions();
    int remembered = loadMemory();
    log.info(
        "S3 listing bridge watching {} (every {}), {} objects already reported",
        config.buckets(),
        config.interval(),
        remembered);
    loop.scheduleWithFixedDelay(
        this::passSafely, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private Map<String, Object> producerConfig() {
    return kafka.clientConfig(
        Map.of(
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            transactionalId(config.bucketNames()),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.CLIENT_ID_CONFIG,
            "s3-listing-bridge"));
  }

  private int loadMemory() {
    Map<String, Object> consumerConfig =
        kafka.clientConfig(
            Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "s3-listing-bridge-state"));
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(state.name(), STATE_READ_TIMEOUT).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, STATE_READ_TIMEOUT);
      Instant deadline = clock.instant().plus(STATE_READ_TIMEOUT);
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (clock.instant().isAfter(deadline)) {
          throw new KafkaException(
              "Reading the listing state from '"
                  + state.name()
                  + "' took over "
                  + STATE_READ_TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(this::applyState);
      }
    }
    return memories.values().stream().mapToInt(ListingMemory::size).sum();
  }

  private void applyState(ConsumerRecord<String, byte[]> record) {
    int slash = record.key() == null ? -1 : record.key().indexOf('/');
    if (slash < 0) {
      return;
    }
    ListingMemory memory = memories.get(record.key().substring(0, slash));
    if (memory == null) {
      return;
    }
    String key = record.key().substring(slash + 1);
    if (record.value() == null) {
      memory.forget(key);
      return;
    }
    try {
      memory.remember(
          key,
          state.valueSerde().deserializer().deserialize(state.name(), record.value()).getEtag());
    } catch (RecordDecodingException e) {
      // Forgetting an entry can only make the bridge report that object again: at-least-once.
      log.warn(
          "Skipping a listing state record: {}",
          e.at(record.partition(), record.offset()).getMessage());
    }
  }

  private void passSafely() {
    if (stopped) {
      return;
    }
    try {
      for (S3ObjectFilter bucket : config.buckets()) {
        pass(bucket);
      }
    } catch (ProducerFencedException | AuthorizationException e) {
      log.error("S3 listing bridge stops: {}", e.getMessage());
      stopped = true;
      loop.shutdown();
    } catch (RuntimeException e) {
      metrics.errors(SOURCE, "pass", Tags.empty()).increment();
      log.error("S3 listing pass failed; retrying in {}", config.interval(), e);
    }
  }

  private void pass(S3ObjectFilter filter) {
    String bucket = filter.bucket();
    ListingMemory memory = memories.get(bucket);
    ListObjectsV2Request.Builder request =
        ListObjectsV2Request.builder()
            .bucket(bucket)
            .prefix(filter.prefix())
            .maxKeys(config.pageSize());
    try {
      String token = null;
      do {
        ListObjectsV2Response page = s3.listObjectsV2(request.continuationToken(token).build());
        List<ListedObject> objects =
            page.contents().stream()
                .filter(o -> filter.accepts(bucket, o.key()))
                .map(
                    o ->
                        new ListedObject(
                            bucket,
                            o.key(),
                            ListedObject.unquote(o.eTag()),
                            o.size(),
                            o.lastModified()))
                .toList();
        report(memory, memory.unreported(objects));
        token = page.isTruncated() ? page.nextContinuationToken() : null;
      } while (token != null && !stopped);
      if (bucketProblems.remove(bucket) != null) {
        log.info("Bucket '{}' can be listed again", bucket);
      }
    } catch (NoSuchBucketException e) {
      memory.abandonPass();
      warnOnce(
          bucket,
          "Bucket '" + bucket + "' does not exist; listing it again in " + config.interval());
      return;
    } catch (SdkException e) {
      memory.abandonPass();
      warnOnce(bucket, "Cannot list bucket '" + bucket + "': " + e.getMessage());
      return;
    }
    forget(bucket, memory, memory.endPass(filter.prefix()));
  }

  private void report(ListingMemory memory, List<ListedObject> objects) {
    if (objects.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Tags tags = IngestMetrics.topic(events.name());
    metrics.messagesIn(SOURCE, tags).increment(objects.size());
    long started = System.nanoTime();
    transaction(
        () -> {
          for (ListedObject object : objects) {
            S3ObjectEvent event = ListingEvents.created(object, now);
            producer.send(record(events, object.recordKey(), event));
            producer.send(record(state, object.recordKey(), ListingEvents.remembered(object)));
          }
        });
    metrics.kafkaAck(SOURCE, tags).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    metrics.messagesOut(SOURCE, tags).increment(objects.size());
    objects.forEach(o -> memory.remember(o.key(), o.etag()));
    log.debug("Reported {} new objects", objects.size());
  }

  private void forget(String bucket, ListingMemory memory, List<String> goneKeys) {
    if (goneKeys.isEmpty()) {
      return;
    }
    transaction(
        () ->
            goneKeys.forEach(
                k ->
                    producer.send(
                        new ProducerRecord<>(
                            state.name(), ListedObject.recordKey(bucket, k), null))));
    goneKeys.forEach(memory::forget);
  }

  private void transaction(Runnable sends) {
    producer.beginTransaction();
    try {
      sends.run();
      producer.commitTransaction();
    } catch (ProducerFencedException e) {
      throw e;
    } catch (KafkaException e) {
      producer.abortTransaction();
      throw e;
    }
  }

  private static <V> ProducerRecord<String, byte[]> record(
      Topic<String, V> topic, String key, V value) {
    return new ProducerRecord<>(
        topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  private void warnOnce(String bucket, String problem) {
    if (!problem.equals(bucketProblems.put(bucket, problem))) {
      log.warn(problem);
    }
  }

  /** Whether the bridge stopped because another one took over or it lost its rights. */
  public boolean isStopped() {
    return stopped;
  }

  @Override
  public void close() {
    stopped = true;
    loop.shutdown();
    try {
      if (!loop.awaitTermination(30, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loop.shutdownNow();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
    }
  }
}
