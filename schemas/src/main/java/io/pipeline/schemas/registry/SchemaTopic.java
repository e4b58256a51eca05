package io.pipeline.schemas.registry;

import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schemas shared through a compacted Kafka topic, keyed by fingerprint. Every process publishes the
 * schemas it writes with at start-up; a reader that meets a fingerprint it does not know (a record
 * from a newer producer, during a rolling upgrade) reads the topic up to its end and resolves the
 * writer's schema from there. Needs no service besides Kafka.
 *
 * <p>Thread-safe: lookups that miss the catalog are serialized around one consumer.
 */
public final class SchemaTopic implements SchemaStore, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SchemaTopic.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final Map<String, Object> clientConfig;
  private final SchemaCatalog catalog;
  private KafkaConsumer<String, String> consumer;

  /**
   * @param clientConfig Kafka client settings (at least {@code bootstrap.servers})
   * @param catalog the schemas known locally; schemas read from the topic are added to it
   */
  public SchemaTopic(Map<String, Object> clientConfig, SchemaCatalog catalog) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.catalog = catalog;
  }

  /** The key a schema is published under: its fingerprint as 16 hex digits. */
  public static String key(Schema schema) {
    return HexFormat.of().toHexDigits(SchemaCatalog.fingerprint(schema));
  }

  /** Publishes schemas to the topic and waits until the broker has them. */
  public void publish(Collection<Schema> schemas) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> sends =
          schemas.stream()
              .map(
                  s ->
                      producer.send(
                          new ProducerRecord<>(PipelineTopics.SCHEMAS, key(s), s.toString())))
              .toList();
      for (var send : sends) {
        send.get();
      }
    } catch (ExecutionException e) {
      throw new KafkaException(
          "Cannot publish schemas to topic '" + PipelineTopics.SCHEMAS + "': " + e.getCause(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while publishing schemas", e);
    }
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    Schema known = catalog.findByFingerprint(fingerprint);
    if (known != null) {
      return known;
    }
    readToEnd();
    return catalog.findByFingerprint(fingerprint);
  }

  /** Reads the topic's new records into the catalog, up to the end seen when the call began. */
  public synchronized void readToEnd() {
    KafkaConsumer<String, String> reader = consumer();
    Set<TopicPartition> partitions = reader.assignment();
    Map<TopicPartition, Long> end = reader.endOffsets(partitions, READ_TIMEOUT);
    Instant deadline = Instant.now().plus(READ_TIMEOUT);
    while (!reached(reader, end)) {
      if (Instant.now().isAfter(deadline)) {
        throw new KafkaException(
            "Reading topic '" + PipelineTopics.SCHEMAS + "' did not finish within " + READ_TIMEOUT);
      }
      for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
        accept(record);
      }
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> reader, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue());
  }

  private void accept(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return;
    }
    try {
      Schema schema = new Schema.Parser().parse(record.value());
      if (!key(schema).equals(record.key())) {
        log.warn(
            "Ignoring schema at {}-{}@{}: its key {} is not its fingerprint {}",
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            key(schema));
        return;
      }
      catalog.add(schema);
    } catch (SchemaParseException e) {
      log.warn(
          "Ignoring an invalid schema at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private KafkaConsumer<String, String> consumer() {
    if (consumer == null) {
      Map<String, Object> config = new HashMap<>(clientConfig);
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.remove(ConsumerConfig.GROUP_ID_CONFIG);
      KafkaConsumer<String, String> created =
          new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
      List<PartitionInfo> infos = created.partitionsFor(PipelineTopics.SCHEMAS, READ_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        created.close();
        throw new KafkaException(
            "Topic '" + PipelineTopics.SCHEMAS + "' does not exist: create the pipeline's topics");
      }
      List<TopicPartition> partitions =
          infos.stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .collect(Collectors.toList());
      created.assign(partitions);
      created.seekToBeginning(partitions);
      consumer = created;
    }
    return consumer;
  }

  @Override
  public synchronized void close() {
    if (consumer != null) {
      consumer.close();
      consumer = null;
    }
  }
}
