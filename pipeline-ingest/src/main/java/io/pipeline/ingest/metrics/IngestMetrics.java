package io.pipeline.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest metrics every bridge reports, under one set of names, so that dashboards compare the
 * sources. Every meter carries a {@code source} tag ({@code http}, {@code mqtt}, {@code sqs},
 * {@code webhook}, {@code listing}...) plus the tags a source adds, e.g. {@code topic} or {@code
 * mapping}. Keep added tags bounded: never tag with a value a client chooses freely.
 *
 * <p>Prometheus needs every meter of a name to have the same tag keys, so the tags a source may add
 * are fixed: {@value #TOPIC} and {@value #MAPPING}; one a source does not give is empty. Meters are
 * created on first use and the same instance is returned afterwards; thread-safe.
 */
public final class IngestMetrics {

  /** Messages a source received (counter). */
  public static final String MESSAGES_IN = "pipeline.ingest.messages.in";

  /** Messages a source wrote to Kafka and Kafka acknowledged (counter). */
  public static final String MESSAGES_OUT = "pipeline.ingest.messages.out";

  /** Messages or requests refused or failed, tagged with a {@code reason} (counter). */
  public static final String ERRORS = "pipeline.ingest.errors";

  /** Messages written to the dead-letter topic (counter). */
  public static final String DEAD_LETTERS = "pipeline.ingest.dead.letters";

  /** Messages not written again because they were already written (counter). */
  public static final String DUPLICATES = "pipeline.ingest.duplicates";

  /** Time from handing a record to the Kafka producer to Kafka's acknowledgement (timer). */
  public static final String KAFKA_ACK = "pipeline.ingest.kafka.ack";

  /** Records handed to the Kafka producer and not acknowledged yet (gauge). */
  public static final String IN_FLIGHT = "pipeline.ingest.in.flight";

  /** Tag naming the source of the messages. */
  public static final String SOURCE = "source";

  /** Tag naming why an error happened. */
  public static final String REASON = "reason";

  /** Tag naming the Kafka topic written to. */
  public static final String TOPIC = "topic";

  /** Tag naming the bridge's mapping (e.g. an MQTT filter to topic rule). */
  public static final String MAPPING = "mapping";

  private static final List<String> ADDED_TAGS = List.of(TOPIC, MAPPING);

  private final MeterRegistry registry;
  private final Map<Tags, AtomicLong> inFlight = new ConcurrentHashMap<>();

  public IngestMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The registry the meters are in. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Tags naming a topic. */
  public static Tags topic(String topic) {
    return Tags.of(TOPIC, topic);
  }

  /** Tags naming a mapping. */
  public static Tags mapping(String mapping) {
    return Tags.of(MAPPING, mapping);
  }

  /** {@value #MESSAGES_IN}, tagged {@code source} and {@code tags}. */
  public Counter messagesIn(String source, Tags tags) {
    return counter(MESSAGES_IN, "Messages received", source, tags);
  }

  /** {@value #MESSAGES_OUT}, tagged {@code source} and {@code tags}. */
  public Counter messagesOut(String source, Tags tags) {
    return counter(MESSAGES_OUT, "Messages written to Kafka and acknowledged", source, tags);
  }

  /** {@value #ERRORS}, tagged {@code source}, {@code reason} and {@code tags}. */
  public Counter errors(String source, String reason, Tags tags) {
    return counter(
        ERRORS, "Messages or requests refused or failed", source, tags.and(REASON, reason));
  }

  /** {@value #DEAD_LETTERS}, tagged {@code source} and {@code tags}. */
  public Counter deadLetters(String source, Tags tags) {
    return counter(DEAD_LETTERS, "Messages written to the dead-letter topic", source, tags);
  }

  /** {@value #DUPLICATES}, tagged {@code source} and {@code tags}. */
  public Counter duplicates(String source, Tags tags) {
    return counter(DUPLICATES, "Messages already written, not written again", source, tags);
  }

  /** {@value #KAFKA_ACK}, tagged {@code source} and {@code tags}. */
  public Timer kafkaAck(String source, Tags tags) {
    return Timer.builder(KAFKA_ACK)
        .description("Time from send to Kafka's acknowledgement")
        .tags(all(source, tags))
        .register(registry);
  }

  /**
   * {@value #IN_FLIGHT}, tagged {@code source} and {@code tags}: increment when a record is handed
   * to the producer, decrement when its send completed, acknowledged or not.
   */
  public AtomicLong inFlight(String source, Tags tags) {
    return inFlight.computeIfAbsent(
        all(source, tags),
        t -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(IN_FLIGHT, value, AtomicLong::get)
              .description("Records sent to Kafka and not acknowledged yet")
              .tags(t)
              .register(registry);
          return value;
        });
  }

  private Counter counter(String name, String description, String source, Tags tags) {
    return Counter.builder(name)
        .description(description)
        .tags(all(source, tags))
        .register(registry);
  }

  private static Tags all(String source, Tags added) {
    Map<String, String> values = new TreeMap<>();
    ADDED_TAGS.forEach(key -> values.put(key, ""));
    for (Tag tag : added) {
      if (!values.containsKey(tag.getKey()) && !REASON.equals(tag.getKey())) {
        throw new IllegalArgumentException(
            "ingest metrics take the tags " + ADDED_TAGS + ", not '" + tag.getKey() + "'");
      }
      values.put(tag.getKey(), tag.getValue());
    }
    values.put(SOURCE, Objects.requireNonNull(source, "source"));
    Tags tags = Tags.empty();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      tags = tags.and(entry.getKey(), entry.getValue());
    }
    return tags;
  }
}
