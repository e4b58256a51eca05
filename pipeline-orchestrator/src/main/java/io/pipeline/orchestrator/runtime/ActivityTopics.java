package io.pipeline.orchestrator.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.model.ActivityArn;
import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
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

  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** The names of the activities a definition's Task states use, at any depth. */
  static Set<String> activities(String definition) {
    Set<String> names = new TreeSet<>();
    try {
      collect(JSON.readTree(definition), names);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the definition is not JSON", e);
    }
    return names;
  }

  private static void collect(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      JsonNode resource = node.get("Resource");
      if (resource != null && resource.isTextual() && "Task".equals(node.path("Type").asText())) {
        ActivityArn.name(resource.asText()).ifPresent(names::add);
      }
    }
    node.elements().forEachRemaining(child -> collect(child, names));
  }
}
