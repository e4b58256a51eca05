package io.pipeline.orchestrator;

import io.pipeline.localstack.kafka.ConsumerGroups;
import io.pipeline.schemas.topic.PipelineTopics;
import java.util.Map;

/**
 * Every test orchestrator runs on the one broker of the test JVM, on the same command,
 * integration-task and Express-start topics, each with a fresh application id. A fresh id's
 * consumer groups would read those topics from the start and run again what earlier tests' commands
 * asked (ten thousand child executions of one test, in every later one). Its groups start at the
 * topics' ends instead; a group that has offsets or members (an instance that joins, or restarts)
 * is left as it is.
 */
public final class FreshGroups {

  private FreshGroups() {}

  /** Starts the consumer groups of a new orchestrator application id at the topics' ends. */
  public static void startAtEnd(String bootstrapServers, String applicationId) {
    Map<String, String> groups =
        Map.of(
            applicationId,
            PipelineTopics.EXECUTION_COMMANDS,
            applicationId + "-integrations",
            PipelineTopics.INTEGRATION_TASKS,
            applicationId + "-express",
            PipelineTopics.EXPRESS_STARTS);
    groups.forEach((group, topic) -> ConsumerGroups.startAtEnd(bootstrapServers, group, topic));
  }
}
