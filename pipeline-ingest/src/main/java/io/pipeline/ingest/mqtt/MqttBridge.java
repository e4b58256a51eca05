package io.pipeline.ingest.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.pipeline.common.config.ConfigException;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.DaemonThreads;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.mqtt.MqttUserProperty;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.message.SchemaStore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies MQTT messages into Kafka without losing one: it subscribes with QoS 1 in a persistent
 * session ({@code cleanStart=false}, long session expiry) and acknowledges a message to the broker
 * only once Kafka has acknowledged its record (acks=all, idempotent producer), in the order the
 * messages arrived. A message Kafka could not take is left unacknowledged, with every one after it,
 * and the bridge reconnects, so the broker delivers them again. A message its mapping cannot
 * decode, or too large for Kafka, goes to the dead-letter topic and is acknowledged once that
 * record is. At most {@code inFlight} messages are on their way to Kafka at a time: back-pressure,
 * not a buffer.
 */
public final class MqttBridge implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MqttBridge.class);

  /** The {@code source} tag of the bridge's metrics. */
  public static final String SOURCE = "mqtt";

  private static final long SESSION_EXPIRY_SECONDS = TimeUnit.DAYS.toSeconds(7);

  /** The largest record batch of the bridge's producer, in bytes, unless configured otherwise. */
  public static final int BATCH_BYTES = 128 * 1024;

  /** Bytes of a too-large payload kept in its dead letter. */
  private static final int DEAD_LETTER_PAYLOAD_BYTES = 64 * 1024;

  private final MqttBridgeConfig config;
  private final MqttRecords records;
  private final Clock clock;
  private final KafkaProducer<String, byte[]> producer;
  private final Mqtt5AsyncClient client;
  private final OrderedAcks acks = new OrderedAcks();
  private final Credits credits;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(DaemonThreads.named("mqtt-bridge-sender"));
  private final IngestMetrics metrics;
  private final AtomicLong inFlight;
  private final KafkaClientMetrics producerMetrics;
  private final Map<String, Meters> meters = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** The meters of one mapping (the empty name for messages no mapping matches). */
  private record Meters(Counter in, Counter out, Counter deadLetters, Counter errors, Timer ack) {}

  /**
   * @param config the broker, mappings and session settings
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param writerSchemas the schema store of the Avro serdes
   * @param metrics where the bridge counts messages, dead letters, errors and ack times
   * @param clock the time put in {@code receivedAt}
   * @throws ConfigException when a mapping does not fit its topic
   */
  public MqttBridge(
      MqttBridgeConfig config,
      KafkaSettings kafka,
      PipelineTopics topics,
      SchemaStore writerSchemas,
      IngestMetrics metrics,
      Clock clock) {
    this.config = config;
    this.metrics = metrics;
    this.inFlight = metrics.inFlight(SOURCE, Tags.empty());
    try {
      this.records = new MqttRecords(config.mappings(), topics, writerSchemas);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "Setting " + MqttBridgeConfig.MAPPINGS.name() + ": " + e.getMessage(), e);
    }
    this.clock = clock;
    this.credits = new Credits(config.inFlight(), this::forward);
    this.producer =
        new KafkaProducer<>(
            producerConfig(kafka, "mqtt-bridge-" + config.clientId()),
            new StringSerializer(),
            new ByteArraySerializer());
    this.producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(metrics.registry());
    URI broker = config.broker().orElseThrow();
    this.client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(config.clientId())
            .serverHost(broker.getHost())
            .serverPort(broker.getPort() == -1 ? 1883 : broker.getPort())
            .automaticReconnect()
            .initialDelay(200, TimeUnit.MILLISECONDS)
            .maxDelay(10, TimeUnit.SECONDS)
            .applyAutomaticReconnect()
            // Unacknowledged messages of a lost connection come again on the next one; a closed
            // bridge stops trying to connect.
            .addDisconnectedListener(
                context -> {
                  acks.abandonAll();
                  if (closed) {
                    context.getReconnector().reconnect(false);
                  }
                })
            .addConnectedListener(
                context -> {
                  acks.releaseAbandoned();
                  disconnectIfClosed();
                })
            .buildAsync();
  }

  /**
   * The configuration of the bridge's producer: a reliable producer ({@link
   * KafkaSettings#reliableProducerConfig}) whose record batches may grow to {@value #BATCH_BYTES}
   * bytes, unless {@code KAFKA_CLIENT_CONFIG} sets {@code batch.size}. With Kafka's 16 KiB, a
   * partition's batch filled within the 5 ms linger at the bridge's rate, and the broker's work per
   * produce request was the largest part of what Kafka cost a message (decision 0045).
   */
  public static Map<String, Object> producerConfig(KafkaSettings kafka, String clientId) {
    return kafka.reliableProducerConfig(
        clientId, Map.of(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES), Map.of());
  }

  /**
   * The Kafka topics the mappings write to that are not the pipeline's own, so that the service
   * creates them before the bridge starts.
   */
  public static List<Topic<?, ?>> extraTopics(MqttBridgeConfig config, PipelineTopics topics) {
    Topic<String, MqttMessage> envelopes = topics.mqttMessages();
    return config.mappings().stream()
        .map(MqttMapping::topic)
        .distinct()
        .filter(name -> topics.find(name).isEmpty())
        .<Topic<?, ?>>map(
            name ->
                new Topic<>(
                    name,
                    envelopes.keySerde(),
                    envelopes.valueSerde(),
                    envelopes.valueSchema(),
                    envelopes.spec()))
        .toList();
  }

  /** Connects, resuming the bridge's session, and subscribes to its filters. */
  public void start() {
    // Registered before connecting: a resumed session delivers its queued messages right after
    // CONNACK, before any subscription's own callback could exist.
    Publisher<Mqtt5Publish> publishes = client.toRx().publishes(MqttGlobalPublishFilter.ALL, true);
    publishes.subscribe(credits);
    // No Receive Maximum of the bridge's own: the broker's limit holds (decision 0042).
    client
        .connectWith()
        .cleanStart(false)
        .sessionExpiryInterval(SESSION_EXPIRY_SECONDS)
        .send()
        .join();
    for (MqttMapping mapping : config.mappings()) {
      client
          .subscribeWith()
          .topicFilter("$share/" + config.group() + "/" + mapping.filter())
          .qos(MqttQos.AT_LEAST_ONCE)
          .send()
          .join();
      log.info(
          "MQTT bridge {}: mapping '{}' copies {} from {} to '{}' ({}, key {})",
          config.clientId(),
          mapping.name(),
          mapping.filter(),
          config.broker().get(),
          mapping.topic(),
          mapping.format().name().toLowerCase(Locale.ROOT),
          mapping.key());
    }
  }

  /** Messages received and not yet acknowledged to the broker. */
  public int inFlight() {
    return acks.waiting();
  }

  private void forward(Mqtt5Publish publish) {
    // Arrival order is taken here, on the MQTT client's thread; the rest happens on the sender
    // thread, since KafkaProducer.send blocks while Kafka is unreachable (up to max.block.ms)
    // and must not stall the MQTT client. The sender's queue holds at most the bridge's in-flight
    // limit of messages (Credits): back-pressure, not a buffer.
    OrderedAcks.Pending pending = acks.arrived(publish::acknowledge);
    MqttMessage message = envelope(publish);
    sender.execute(() -> map(pending, message));
  }

  private void map(OrderedAcks.Pending pending, MqttMessage message) {
    Optional<MqttMapping> mapping = config.mappingOf(message.getTopic());
    meters(mapping).in().increment();
    ProducerRecord<String, byte[]> record;
    try {
      record =
          records.toRecord(
              mapping.orElseThrow(
                  () -> new UndecodableMessageException("no mapping's filter matches the topic")),
              message);
    } catch (RuntimeException e) {
      // Whatever the cause, the message is kept (as a dead letter) and the flow goes on.
      String problem =
          e instanceof UndecodableMessageException ? e.getMessage() : "cannot be mapped: " + e;
      String reason = mapping.map(m -> "mapping '" + m.name() + "': ").orElse("") + problem;
      log.warn("Dead letter from MQTT topic '{}': {}", message.getTopic(), reason);
      record = records.toDeadLetter(mapping, message, reason, clock.instant());
    }
    send(record, pending, mapping, message);
  }

  private void send(
      ProducerRecord<String, byte[]> record,
      OrderedAcks.Pending pending,
      Optional<MqttMapping> mapping,
      MqttMessage message) {
    Meters meters = meters(mapping);
    long sentAt = System.nanoTime();
    inFlight.incrementAndGet();
    try {
      producer.send(
          record,
          (metadata, error) -> {
            inFlight.decrementAndGet();
            if (error == null) {
              meters.ack().record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
              (record.topic().equals(PipelineTopics.INGEST_DEAD_LETTERS)
                      ? meters.deadLetters()
                      : meters.out())
                  .increment();
              acks.done(pending);
              credits.giveBack(1);
            } else if (error instanceof RecordTooLargeException
                && !record.topic().equals(PipelineTopics.INGEST_DEAD_LETTERS)) {
              String reason =
                  "the record of "
                      + record.value().length
                      + " bytes is over Kafka's size limit for '"
                      + record.topic()
                      + "'; the dead letter keeps the payload's first "
                      + DEAD_LETTER_PAYLOAD_BYTES
                      + " bytes";
              log.warn("Dead letter from MQTT topic '{}': {}", message.getTopic(), reason);
              sender.execute(
                  () ->
                      send(
                          records.toDeadLetter(
                              mapping, truncated(message), reason, clock.instant()),
                          pending,
                          mapping,
                          message));
            } else {
              credits.giveBack(1);
              meters.errors().increment();
              refused(message, error);
            }
          });
    } catch (KafkaException e) {
      inFlight.decrementAndGet();
      credits.giveBack(1);
      meters.errors().increment();
      refused(message, e);
    }
  }

  private Meters meters(Optional<MqttMapping> mapping) {
    String name = mapping.map(MqttMapping::name).orElse("");
    return meters.computeIfAbsent(
        name,
        n -> {
          Tags tags =
              IngestMetrics.mapping(n)
                  .and(IngestMetrics.topic(mapping.map(MqttMapping::topic).orElse("")));
          return new Meters(
              metrics.messagesIn(SOURCE, tags),
              metrics.messagesOut(SOURCE, tags),
              metrics.deadLetters(SOURCE, tags),
              metrics.errors(SOURCE, "kafka", tags),
              metrics.kafkaAck(SOURCE, tags));
        });
  }

  /** Whether the bridge is connected to the MQTT broker (it reconnects on its own). */
  public boolean isConnected() {
    return client.getState().isConnected();
  }

  private void refused(MqttMessage message, Exception error) {
    if (closed) {
      return;
    }
    // Nothing from here on is acknowledged: after the reconnect the broker delivers it again.
    log.error(
        "Kafka did not take a message from '{}'; reconnecting to have it redelivered",
        message.getTopic(),
        error);
    // Released on the next connection (the connected listener): a PUBACK now would lose them.
    acks.abandonAll();
    client.disconnect();
  }

  private MqttMessage envelope(Mqtt5Publish publish) {
    // The all-arguments constructor: the builder validates and copies every field, which costs
    // more than the rest of the envelope on the bridge's hot path.
    return new MqttMessage(
        publish.getTopic().toString(),
        ByteBuffer.wrap(publish.getPayloadAsBytes()),
        publish.getQos().getCode(),
        publish.isRetain(),
        publish.getContentType().map(Object::toString).orElse(null),
        publish.getResponseTopic().map(Object::toString).orElse(null),
        publish.getCorrelationData().map(b -> ByteBuffer.wrap(MqttRecords.bytes(b))).orElse(null),
        publish.getUserProperties().asList().stream()
            .map(p -> new MqttUserProperty(p.getName().toString(), p.getValue().toString()))
            .toList(),
        clock.instant(),
        config.clientId());
  }

  private static MqttMessage truncated(MqttMessage message) {
    ByteBuffer payload = message.getPayload().duplicate();
    payload.limit(Math.min(payload.limit(), payload.position() + DEAD_LETTER_PAYLOAD_BYTES));
    return MqttMessage.newBuilder(message).setPayload(payload.slice()).build();
  }

  /** A reconnection that was under way when the bridge closed is undone. */
  private void disconnectIfClosed() {
    if (closed) {
      client.disconnect();
    }
  }

  @Override
  public void close() {
    closed = true;
    if (client.getState().isConnected()) {
      try {
        client.disconnect().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("MQTT bridge did not disconnect cleanly: {}", e.toString());
      }
    } else {
      // Its broker went first (Ctrl-C reaches both) or is down: nothing to disconnect from.
      log.info(
          "MQTT bridge {} closed while not connected; what it had not acknowledged comes again"
              + " at its next connection",
          config.clientId());
    }
    sender.shutdownNow();
    producer.close(Duration.ofSeconds(10));
    producerMetrics.close();
  }
}
