package io.pipeline.cli.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.ingest.metrics.IngestMetrics;
import io.pipeline.ingest.mqtt.MqttBridge;
import io.pipeline.ingest.mqtt.MqttBridgeConfig;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.mqtt.MqttEndpoint;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.TopicAdmin;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures, in one run on one machine, the MQTT bridge beside the limits of the two systems it
 * joins: Mosquitto's own QoS 1 publish-to-subscriber rate and the Kafka producer's rate, with the
 * same message size and client count, then the latency from MQTT publish to Kafka at half the
 * bridge's rate. Latency is read from the broker's append time (topics created with {@code
 * message.timestamp.type=LogAppendTime}), so it ends when Kafka has the record, as an ack does.
 */
public final class IngestBench {

  /** What to measure with. */
  public record Options(int messages, int size, int clients, Duration latencyRun, int objects) {}

  /** One run's figures. */
  public record Result(
      Options options,
      double mosquittoRate,
      Map<String, Double> mosquittoCpu,
      double lateAckRate,
      double ackMillis,
      double kafkaRate,
      double bridgeRate,
      Map<String, Double> bridgeCpu,
      double latencyRate,
      long p50Millis,
      long p99Millis,
      long maxMillis,
      double sqsDrainRate,
      double s3RawRate,
      double s3EventRate) {

    /**
     * The rate Mosquitto and Kafka reach together when they share the machine's cores: each bridged
     * message costs the work of both.
     */
    public double sharedRate() {
      return 1 / (1 / mosquittoRate + 1 / kafkaRate);
    }
  }

  private static final int PARTITIONS = 6;

  private final LocalStack stack;
  private final KafkaSettings kafka;
  private final MqttEndpoint broker;
  private final Options options;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final SchemaCatalog catalog = SchemaCatalog.builtIn();
  private final PipelineTopics topics = new PipelineTopics(catalog);

  /**
   * @param stack the servers: Kafka, Mosquitto, and the embedded S3 server with SQS for the S3
   *     measurements
   */
  public IngestBench(LocalStack stack, Options options) {
    this.stack = stack;
    this.kafka = KafkaSettings.of(stack.kafka().bootstrapServers());
    this.broker = stack.mqtt();
    this.options = options;
  }

  /** Runs every measurement, each after a warm-up of a fifth of its size. */
  public Result run() throws Exception {
    PipelineKafka.prepare(kafka, Settings.of(Map.of())).close();
    int warmUp = Math.max(1, options.messages() / 5);
    mosquittoRate("warm", warmUp, Duration.ZERO);
    MachineLoad mosquittoLoad = MachineLoad.start();
    double mosquitto = mosquittoRate("mosq", options.messages(), Duration.ZERO);
    Map<String, Double> mosquittoCpu = microsPerMessage(mosquittoLoad);
    String kafkaTopic = createTopic("bench.kafka." + run);
    kafkaRate(kafkaTopic, warmUp);
    double kafkaRate = kafkaRate(kafkaTopic, options.messages());

    String bridgeTopic = createTopic("bench.bridge." + run);
    String filter = "bench/" + run + "/bridge/+";
    MqttBridgeConfig config =
        MqttBridgeConfig.from(
            Settings.of(
                Map.of(
                    "MQTT_URL", broker.uri().toString(),
                    "MQTT_BRIDGE_MAPPINGS",
                        "[{\"filter\": \""
                            + filter
                            + "\", \"topic\": \""
                            + bridgeTopic
                            + "\", \"key\": \"level:3\"}]",
                    "MQTT_BRIDGE_GROUP", "bench-" + run,
                    "MQTT_BRIDGE_CLIENT_ID", "bench-bridge-" + run)));
    IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
    S3NotificationRates.Rates s3 =
        new S3NotificationRates(stack, kafka, topics, run, options).measure(metrics);
    // The bridge's rate ends at Kafka's acknowledgements, as the producer's rate does: counted by
    // the bridge itself, with no consumer taking the cores meanwhile.
    Tags bridgeTags = IngestMetrics.mapping(filter).and(IngestMetrics.topic(bridgeTopic));
    Counter acked = metrics.messagesOut(MqttBridge.SOURCE, bridgeTags);
    Timer ackTime = metrics.kafkaAck(MqttBridge.SOURCE, bridgeTags);
    try (MqttBridge bridge =
        new MqttBridge(config, kafka, topics, catalog, metrics, Clock.systemUTC())) {
      bridge.start();
      bridgeRate(acked, warmUp);
      double ackedBefore = ackTime.count();
      double ackNanosBefore = ackTime.totalTime(TimeUnit.NANOSECONDS);
      MachineLoad bridgeLoad = MachineLoad.start();
      double bridgeRate = bridgeRate(acked, options.messages());
      Map<String, Double> bridgeCpu = microsPerMessage(bridgeLoad);
      // Mosquitto's own rate once more, to a subscriber that holds each message unacknowledged as
      // long as Kafka took on average to acknowledge the bridge's records: what acknowledging only
      // after Kafka costs the MQTT side, without Kafka's own work.
      Duration held =
          Duration.ofNanos(
              (long)
                  ((ackTime.totalTime(TimeUnit.NANOSECONDS) - ackNanosBefore)
                      / Math.max(1, ackTime.count() - ackedBefore)));
      double lateAck = mosquittoRate("late", options.messages(), held);
      double latencyRate = bridgeRate / 2;
      long[] latencies;
      try (Arrivals arrivals = Arrivals.timing(kafka, topics.mqttMessages(), bridgeTopic)) {
        arrivals.awaitCount((long) acked.count(), Duration.ofMinutes(5));
        latencies = latencies(arrivals, latencyRate);
      }
      return new Result(
          options,
          mosquitto,
          mosquittoCpu,
          lateAck,
          held.toNanos() / 1e6,
          kafkaRate,
          bridgeRate,
          bridgeCpu,
          latencyRate,
          Percentiles.of(latencies, 0.50),
          Percentiles.of(latencies, 0.99),
          latencies.length == 0 ? 0 : latencies[latencies.length - 1],
          s3.sqsDrain(),
          s3.raw(),
          s3.events());
    }
  }

  /**
   * Mosquitto's QoS 1 rate from the publishers to one subscriber subscribed as the bridge
   * subscribes (shared subscription, persistent session, manual acknowledgement), which
   * acknowledges each message {@code held} after it came, in the order they came.
   */
  private double mosquittoRate(String phase, int messages, Duration held)
      throws InterruptedException {
    String prefix = "bench/" + run + "/" + phase + "-" + messages;
    CountDownLatch received = new CountDownLatch(messages);
    Mqtt5AsyncClient subscriber =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier("bench-sub-" + run + "-" + phase + messages)
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildAsync();
    LateAcks late = held.isZero() ? null : new LateAcks(held, received);
    subscriber.publishes(
        MqttGlobalPublishFilter.ALL,
        p -> {
          if (late == null) {
            p.acknowledge();
            received.countDown();
          } else {
            late.arrived(p::acknowledge);
          }
        },
        true);
    subscriber.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();
    subscriber
        .subscribeWith()
        .topicFilter("$share/bench-" + run + "/" + prefix + "/+")
        .qos(MqttQos.AT_LEAST_ONCE)
        .send()
        .join();
    try {
      long start = System.nanoTime();
      publishAll(prefix, messages);
      received.await();
      return messages / seconds(System.nanoTime() - start);
    } finally {
      if (late != null) {
        late.close();
      }
      subscriber.disconnect().join();
    }
  }

  private double kafkaRate(String topic, int messages) {
    byte[] value = envelope(new byte[options.size()]);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            // The bridge's own producer settings, so that the rates compare.
            MqttBridge.producerConfig(kafka, "bench-kafka-" + run),
            new StringSerializer(),
            new ByteArraySerializer())) {
      CountDownLatch acked = new CountDownLatch(messages);
      AtomicLong failed = new AtomicLong();
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        producer.send(
            new ProducerRecord<>(topic, "device-" + (i % options.clients()), value),
            (metadata, error) -> {
              if (error != null) {
                failed.incrementAndGet();
              }
              acked.countDown();
            });
      }
      acked.await();
      double rate = messages / seconds(System.nanoTime() - start);
      if (failed.get() > 0) {
        throw new IllegalStateException(
            failed.get() + " of " + messages + " records failed: the Kafka rate would be wrong");
      }
      return rate;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private double bridgeRate(Counter acked, int messages) throws InterruptedException {
    double target = acked.count() + messages;
    long start = System.nanoTime();
    publishAll("bench/" + run + "/bridge", messages);
    long deadline = start + Duration.ofMinutes(5).toNanos();
    while (acked.count() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the bridge acknowledged " + acked.count() + " of " + target + " messages in 5 min");
      }
      TimeUnit.MILLISECONDS.sleep(2);
    }
    return messages / seconds(System.nanoTime() - start);
  }

  private long[] latencies(Arrivals counter, double rate) throws InterruptedException {
    int messages = (int) (rate * options.latencyRun().toSeconds());
    counter.latencies.clear();
    long target = counter.count() + messages;
    List<Mqtt5AsyncClient> publishers = publishers();
    try {
      List<CompletableFuture<?>> sent = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        byte[] payload = new byte[options.size()];
        ByteBuffer.wrap(payload).putLong(System.currentTimeMillis());
        sent.add(
            publish(publishers.get(i % publishers.size()), "bench/" + run + "/bridge", i, payload));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
      counter.awaitCount(target, Duration.ofMinutes(5));
    } finally {
      publishers.forEach(p -> p.disconnect().join());
    }
    long[] sorted = counter.latencies.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  private void publishAll(String prefix, int messages) {
    List<Mqtt5AsyncClient> publishers = publishers();
    try {
      byte[] payload = new byte[options.size()];
      List<CompletableFuture<?>> sent = new ArrayList<>(messages);
      for (int i = 0; i < messages; i++) {
        sent.add(publish(publishers.get(i % publishers.size()), prefix, i, payload));
      }
      CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    } finally {
      publishers.forEach(p -> p.disconnect().join());
    }
  }

  private CompletableFuture<?> publish(
      Mqtt5AsyncClient client, String prefix, int i, byte[] payload) {
    return client
        .publishWith()
        .topic(prefix + "/device-" + (i % options.clients()))
        .qos(MqttQos.AT_LEAST_ONCE)
        .payload(payload)
        .send();
  }

  private List<Mqtt5AsyncClient> publishers() {
    List<Mqtt5AsyncClient> publishers = new ArrayList<>();
    for (int c = 0; c < options.clients(); c++) {
      publishers.add(client("bench-pub-" + run + "-" + UUID.randomUUID()));
    }
    return publishers;
  }

  private Mqtt5AsyncClient client(String id) {
    Mqtt5AsyncClient client =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(id)
            .serverHost(broker.host())
            .serverPort(broker.port())
            .buildAsync();
    client.connect().join();
    return client;
  }

  private byte[] envelope(byte[] payload) {
    MqttMessage message =
        MqttMessage.newBuilder()
            .setTopic("bench/" + run + "/kafka/device-0")
            .setPayload(ByteBuffer.wrap(payload))
            .setQos(1)
            .setReceivedAt(Instant.now())
            .setBridgeId("bench")
            .build();
    return topics.mqttMessages().valueSerde().serializer().serialize("bench", message);
  }

  private String createTopic(String name) throws Exception {
    try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(name, Optional.of(PARTITIONS), Optional.empty())
                      .configs(Map.of("message.timestamp.type", "LogAppendTime"))))
          .all()
          .get();
      new TopicAdmin(admin).awaitLeaders(List.of(name));
    }
    // KAFKA-15591: an idempotent producer's first batch to a new partition can be refused for
    // good (out of order sequence) even once the partition has a leader. A plain producer's
    // record to every partition first makes the measured producers start on settled partitions.
    byte[] probe = envelope(new byte[options.size()]);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            kafka.clientConfig(Map.of("enable.idempotence", false, "acks", "all")),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int p = 0; p < PARTITIONS; p++) {
        producer.send(new ProducerRecord<>(name, p, "probe", probe)).get();
      }
    }
    return name;
  }

  /**
   * The CPU time each group of threads, and the other processes (Mosquitto's, on a quiet machine),
   * spent in a run, in microseconds per message; empty where Linux's {@code /proc} is not there.
   */
  private Map<String, Double> microsPerMessage(MachineLoad run) {
    Map<String, Double> micros = new TreeMap<>();
    run.cpuSeconds()
        .ifPresent(
            seconds ->
                seconds.forEach((group, s) -> micros.put(group, s * 1e6 / options.messages())));
    return micros;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
