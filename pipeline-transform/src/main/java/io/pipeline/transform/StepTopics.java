package io.pipeline.transform;

import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import io.pipeline.schemas.topic.TopicSpec;
import io.pipeline.transform.express.ExpressStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the Express steps: a step's source must exist (a misspelt source would otherwise
 * wait for records that never come), its sink and dead-letter topics are created where missing.
 */
final class StepTopics {

  /** Partitions of a sink created here, as the pipeline's own record topics have. */
  private static final int PARTITIONS = 6;

  private StepTopics() {}

  /**
   * @throws ConfigException when a step's source topic does not exist
   */
  static void prepare(
      KafkaSettings kafka, Settings settings, List<ExpressStep> steps, PipelineTopics topics) {
    requireSources(kafka, steps);
    Map<String, Topic<?, ?>> missing = new LinkedHashMap<>();
    Topic<String, DeadLetter> deadLetters = topics.transformDeadLetters();
    for (ExpressStep step : steps) {
      String sink = step.step().sink();
      if (topics.find(sink).isEmpty()) {
        missing.putIfAbsent(
            sink,
            new Topic<>(
                sink,
                Serdes.String(),
                Serdes.ByteArray(),
                Optional.empty(),
                TopicSpec.retained(PARTITIONS)));
      }
      String dead = step.step().deadLetters();
      if (topics.find(dead).isEmpty()) {
        missing.putIfAbsent(
            dead,
            new Topic<>(
                dead,
                deadLetters.keySerde(),
                deadLetters.valueSerde(),
                deadLetters.valueSchema(),
                deadLetters.spec()));
      }
    }
    PipelineKafka.ensure(kafka, settings, new ArrayList<>(missing.values()));
  }

  private static void requireSources(KafkaSettings kafka, List<ExpressStep> steps) {
    Set<String> existing;
    try (Admin admin = Admin.create(kafka.clientConfig(Map.of()))) {
      existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while listing Kafka's topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot list Kafka's topics at " + kafka.bootstrapServers(), e);
    }
    Set<String> problems = new TreeSet<>();
    for (ExpressStep step : steps) {
      if (!existing.contains(step.step().source())) {
        problems.add(
            "step '"
                + step.step().name()
                + "': source topic '"
                + step.step().source()
                + "' does not exist; create it first");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(
          "Setting TRANSFORM_STEPS_FILE is invalid: " + String.join("; ", problems));
    }
  }
}
