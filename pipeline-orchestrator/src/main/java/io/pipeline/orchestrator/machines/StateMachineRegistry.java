package io.pipeline.orchestrator.machines;

import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.asl.parse.Diagnostic;
import io.pipeline.asl.parse.ParseResult;
import io.pipeline.common.kafka.ConsumerLoop;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machines every instance sees: a view of the compacted topic {@value
 * PipelineTopics#STATE_MACHINES}, read with {@code read_committed} from its beginning, and the
 * writes that go to it. A machine's current revision is keyed by its ARN and each revision by
 * {@code ARN:revisionId}, written in one transaction, so an execution pinned to a revision always
 * finds it. A create returns once this instance's view holds it: a StartExecution right after sees
 * the machine.
 *
 * <p>Two instances creating the same name at the same moment can both succeed (the last write
 * wins); routing creates through one partition's owner closes that gap with the Standard runtime.
 */
public final class StateMachineRegistry implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StateMachineRegistry.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(30);

  /** Step Functions' two kinds of state machine. */
  public enum Type {
    STANDARD,
    EXPRESS
  }

  /** Step Functions' logging levels: which execution events are logged. */
  public enum LogLevel {
    ALL,
    ERROR,
    FATAL,
    OFF
  }

  /**
   * A state machine's logging configuration.
   *
   * @param level which events are logged
   * @param includeExecutionData whether they keep their input and output
   */
  public record Logging(LogLevel level, boolean includeExecutionData) {
    /** Nothing logged, as when CreateStateMachine names no logging configuration. */
    public static final Logging OFF = new Logging(LogLevel.OFF, false);

    public Logging {
      Objects.requireNonNull(level, "level");
    }
  }

  /** What CreateStateMachine asks for. */
  public record Create(
      String name,
      String definition,
      String roleArn,
      Type type,
      Optional<String> description,
      Logging logging) {
    public Create {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(logging, "logging");
    }
  }

  private final Topic<String, StateMachineRecord> topic;
  private final String arnPrefix;
  private final Clock clock;
  private final KafkaProducer<String, byte[]> producer;
  private final Map<String, StateMachineRecord> view = new ConcurrentHashMap<>();
  private final ConsumerLoop<String, byte[]> reader;
  private final Object progress = new Object();
  private long nextOffset;

  /**
   * @param kafka how to reach Kafka
   * @param topics the pipeline's topics
   * @param region and {@code account}: the ARNs' region and account
   * @param clock the time of creations
   */
  public StateMachineRegistry(
      KafkaSettings kafka, PipelineTopics topics, String region, String account, Clock clock) {
    this.topic = topics.stateMachines();
    this.arnPrefix = "arn:aws:states:" + region + ":" + account + ":stateMachine:";
    this.clock = clock;
    this.producer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig(
                "state-machine-registry",
                Map.of(
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    "pipeline.state-machines." + UUID.randomUUID())),
            new StringSerializer(),
            new ByteArraySerializer());
    producer.initTransactions();
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            kafka.clientConfig(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    TopicPartition partition = new TopicPartition(topic.name(), 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    this.reader =
        ConsumerLoop.start(
            "state-machine-registry",
            consumer,
            Duration.ofMillis(200),
            records -> read(records, consumer.position(partition)));
  }

  /**
   * Creates a state machine, or returns it when one of that name exists with the same definition,
   * role and type (CreateStateMachine is idempotent so in Step Functions).
   *
   * @throws InvalidDefinitionException with the engine's diagnostics
   * @throws StateMachineAlreadyExistsException when the name is taken by another definition
   * @throws InvalidNameException when the name is not 1 to 80 letters, digits, '-' or '_'
   */
  public StateMachineRecord create(Create request) {
    if (!NAME.matcher(request.name()).matches()) {
      throw new InvalidNameException(
          "Invalid State Machine Name: '"
              + request.name()
              + "' (1 to 80 letters, digits, '-' or '_')");
    }
    validate(request);
    String arn = arnPrefix + request.name();
    String revisionId = revisionId(request);
    Optional<StateMachineRecord> existing = describe(arn);
    if (existing.isPresent()) {
      if (existing.get().getRevisionId().equals(revisionId)) {
        return existing.get();
      }
      throw new StateMachineAlreadyExistsException(
          "State Machine Already Exists: '" + arn + "' with another definition, role or type");
    }
    Instant now = clock.instant();
    StateMachineRecord record =
        new StateMachineRecord(
            arn,
            request.name(),
            request.type().name(),
            request.definition(),
            request.roleArn(),
            revisionId,
            request.description().orElse(null),
            now,
            now,
            request.logging().level().name(),
            request.logging().includeExecutionData());
    long offset = write(arn, revisionId, record);
    awaitView(offset);
    return record;
  }

  private static void validate(Create request) {
    List<Diagnostic> errors =
        diagnostics(request.definition(), request.type()).stream()
            .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
            .toList();
    if (!errors.isEmpty()) {
      throw new InvalidDefinitionException(errors);
    }
  }

  /**
   * What is wrong with a definition for a state machine of this type, errors and warnings, each
   * with where it points: the engine's checks, then (for a valid Express definition) the Task
   * resources Express refuses.
   */
  public static List<Diagnostic> diagnostics(String definition, Type type) {
    ParseResult parsed = DefinitionParser.parse(definition);
    if (!parsed.isValid() || type != Type.EXPRESS) {
      return parsed.diagnostics();
    }
    List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
    all.addAll(ExpressRestrictions.violations(definition));
    return all;
  }

  /** What UpdateStateMachine asks to change; what is empty stays as it is. */
  public record Update(
      Optional<String> definition, Optional<String> roleArn, Optional<Logging> logging) {
    public Update {
      Objects.requireNonNull(definition, "definition");
      Objects.requireNonNull(roleArn, "roleArn");
      Objects.requireNonNull(logging, "logging");
    }
  }

  /**
   * Makes a new revision of a state machine; executions started before keep running on theirs. An
   * update that changes nothing returns the current revision.
   *
   * @param current the state machine's current revision
   * @throws InvalidDefinitionException with the engine's diagnostics
   */
  public StateMachineRecord update(StateMachineRecord current, Update update) {
    Create next =
        new Create(
            current.getName(),
            update.definition().orElse(current.getDefinition()),
            update.roleArn().orElse(current.getRoleArn()),
            Type.valueOf(current.getType()),
            Optional.ofNullable(current.getDescription()),
            update
                .logging()
                .orElse(
                    new Logging(
                        LogLevel.valueOf(current.getLoggingLevel()),
                        current.getIncludeExecutionData())));
    validate(next);
    String revisionId = revisionId(next);
    if (revisionId.equals(current.getRevisionId())) {
      return current;
    }
    StateMachineRecord record =
        new StateMachineRecord(
            current.getArn(),
            next.name(),
            next.type().name(),
            next.definition(),
            next.roleArn(),
            revisionId,
            next.description().orElse(null),
            current.getCreatedAt(),
            clock.instant(),
            next.logging().level().name(),
            next.logging().includeExecutionData());
    awaitView(write(current.getArn(), revisionId, record));
    return record;
  }

  /**
   * Deletes a state machine: it is no longer described, listed or started, and its name is free.
   * Its revisions stay, so executions that run keep running.
   */
  public void delete(String arn) {
    if (describe(arn).isEmpty()) {
      return;
    }
    awaitView(transaction(arn, List.of(new ProducerRecord<>(topic.name(), arn, null))));
  }

  /** The current revision of every state machine, in ARN order. */
  public List<StateMachineRecord> list() {
    return view.entrySet().stream()
        .filter(entry -> entry.getKey().equals(entry.getValue().getArn()))
        .map(Map.Entry::getValue)
        .sorted(Comparator.comparing(StateMachineRecord::getArn))
        .toList();
  }

  /** The current revision of a state machine. */
  public Optional<StateMachineRecord> describe(String arn) {
    return Optional.ofNullable(view.get(arn));
  }

  /** One revision of a state machine, current or not. */
  public Optional<StateMachineRecord> revision(String arn, String revisionId) {
    return Optional.ofNullable(view.get(arn + ":" + revisionId));
  }

  private long write(String arn, String revisionId, StateMachineRecord record) {
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), record);
    return transaction(
        arn,
        List.of(
            new ProducerRecord<>(topic.name(), arn + ":" + revisionId, value),
            new ProducerRecord<>(topic.name(), arn, value)));
  }

  /**
   * Writes records in one transaction, one transaction at a time (the API's threads share the
   * producer).
   *
   * @return the offset of the last record
   */
  private synchronized long transaction(String arn, List<ProducerRecord<String, byte[]>> records) {
    producer.beginTransaction();
    try {
      RecordMetadata last = null;
      for (ProducerRecord<String, byte[]> record : records) {
        last = producer.send(record).get();
      }
      producer.commitTransaction();
      return last.offset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      producer.abortTransaction();
      throw new IllegalStateException("interrupted while writing state machine " + arn, e);
    } catch (ExecutionException | RuntimeException e) {
      producer.abortTransaction();
      throw new IllegalStateException("Kafka did not take state machine " + arn, e);
    }
  }

  /** Waits until the view has read past this offset (read your writes). */
  private void awaitView(long offset) {
    long deadline = System.nanoTime() + READ_YOUR_WRITE.toNanos();
    synchronized (progress) {
      while (nextOffset <= offset) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || reader.isClosed()) {
          throw new IllegalStateException(
              new TimeoutException(
                  "the state machine view did not reach offset "
                      + offset
                      + " in "
                      + READ_YOUR_WRITE));
        }
        try {
          progress.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }
  }

  private void read(ConsumerRecords<String, byte[]> records, long position) {
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.value() == null) {
        view.remove(record.key());
      } else {
        view.put(
            record.key(),
            topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
      }
    }
    synchronized (progress) {
      nextOffset = position;
      progress.notifyAll();
    }
  }

  private static String revisionId(Create request) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part :
          List.of(
              request.type().name(),
              request.roleArn(),
              request.definition(),
              request.description().orElse(""),
              request.logging().level().name(),
              Boolean.toString(request.logging().includeExecutionData()))) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public void close() {
    reader.close();
    producer.close(Duration.ofSeconds(5));
  }
}
