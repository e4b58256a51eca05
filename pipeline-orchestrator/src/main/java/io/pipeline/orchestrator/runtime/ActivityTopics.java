package io.pipeline.orchestrator.runtime;

import io.pipeline.asl.model.ActivityArn;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.orchestrator.machines.TaskResources;
import io.pipeline.schemas.topic.PipelineKafka;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates the task topics of the activities a definition names, before any execution of it runs:
 * the runtime writes task requests to them in its transactions, which must not wait for a topic.
 */
public final class ActivityTopics {

  private final KafkaSettings kafka;
  private final Settings settings;
  private final PipelineTopics topics;

  public ActivityTopics(KafkaSettings kafka, Settings settings, PipelineTopics topics) {
    this.kafka = kafka;
    this.settings = settings;
    this.topics = topics;
  }

  /** Ensures the topics of every activity the definition's Task states name. */
  public void ensureFor(String definition) {
    List<Topic<?, ?>> needed = new ArrayList<>();
    activities(definition).forEach(name -> needed.add(topics.activity(name)));
    PipelineKafka.ensure(kafka, settings, needed);
  }

  /** Ensures the topic of one activity. */
  public void ensure(String activityName) {
    PipelineKafka.ensure(kafka, settings, List.of(topics.activity(activityName)));
  }

  /** The names of the activities a definition's Task states use, at any depth. */
  static Set<String> activities(String definition) {
    Set<String> names = new TreeSet<>();
    TaskResources.of(definition)
        .forEach(task -> ActivityArn.name(task.resource()).ifPresent(names::add));
    return names;
  }
}
