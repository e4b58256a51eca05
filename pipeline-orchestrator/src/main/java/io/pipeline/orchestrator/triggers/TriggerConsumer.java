package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.common.kafka.ConsumerLoop;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.json.AvroJson;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts executions for the events of the rules' topics: reads them ({@code read_committed}, in a
 * consumer group the instances share), matches each against the rules, and starts what matched. A
 * batch's offsets are committed once every start it asked for has its verdict; a batch that could
 * not be started is read again. A Standard start carries a name derived from the event, so an event
 * read twice finds its execution started ({@code ExecutionAlreadyExists}: not an error). Express
 * starts are not idempotent in Step Functions, and are not here.
 */
public final class TriggerConsumer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TriggerConsumer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration VERDICT_TIMEOUT = Duration.ofSeconds(60);

  private final TriggerRules rules;
  private final PipelineTopics topics;
  private final ExecutionStarter starter;
  private final ConsumerLoop<String, byte[]> loop;

  /**
   * @param rules the rules
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics, to read Avro events as JSON
   * @param groupId the consumer group the instances share
   * @param starter starts what matched
   */
  public TriggerConsumer(
      TriggerRules rules,
      KafkaSettings kafka,
      PipelineTopics topics,
      String groupId,
      ExecutionStarter starter) {
    this.rules = rules;
    this.topics = topics;
    this.starter = starter;
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.groupConsumerConfig(groupId, Map.of()),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.copyOf(rules.topics()));
    this.loop =
        ConsumerLoop.start(
            "triggers", consumer, Duration.ofMillis(200), records -> handle(consumer, records));
    log.info("Triggers reading {} for {} rule(s)", rules.topics(), rules.rules().size());
  }

  private void handle(
      KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
    if (records.isEmpty()) {
      return;
    }
    List<CompletableFuture<Boolean>> starts = new ArrayList<>();
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      first.putIfAbsent(partition, record.offset());
      next.put(partition, new OffsetAndMetadata(record.offset() + 1));
      Optional<JsonNode> event = event(record);
      if (event.isEmpty()) {
        continue;
      }
      for (TriggerMatch match : rules.match(record.topic(), event.get())) {
        if (match instanceof TriggerMatch.Start start) {
          starts.add(
              starter.start(
                  start.rule().name(),
                  start.rule().stateMachineArn(),
                  start.executionName(),
                  start.input().toString()));
        } else if (match instanceof TriggerMatch.Unstartable unstartable) {
          log.warn(
              "Rule '{}' matched {}-{}@{} but cannot start it: {}",
              unstartable.rule().name(),
              record.topic(),
              record.partition(),
              record.offset(),
              unstartable.reason());
        }
      }
    }
    try {
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
          .get(VERDICT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      consumer.commitSync(next);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "Trigger starts did not all get through ({}); reading the batch again", e.toString());
      first.forEach(consumer::seek);
    }
  }

  /** The record's value as JSON: Avro pipeline topics through their schema, others as JSON. */
  private Optional<JsonNode> event(ConsumerRecord<String, byte[]> record) {
    try {
      Optional<Topic<?, ?>> topic = topics.find(record.topic());
      if (topic.isPresent() && topic.get().valueSchema().isPresent()) {
        Object value =
            topic.get().valueSerde().deserializer().deserialize(record.topic(), record.value());
        return Optional.of(AvroJson.toJson(value, topic.get().valueSchema().get()));
      }
      return Optional.of(JSON.readTree(record.value()));
    } catch (IOException | RuntimeException e) {
      log.warn(
          "Skipped {}-{}@{}: not an event a rule can read ({})",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
