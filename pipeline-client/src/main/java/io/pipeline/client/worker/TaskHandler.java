package io.pipeline.client.worker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The work of an activity. Return the task's output; throw {@link TaskFailedException} to fail it
 * with an error name Retry and Catch can match. Any other exception fails the task too, with the
 * exception's class name as the error.
 */
@FunctionalInterface
public interface TaskHandler {

  JsonNode handle(ActivityTask task) throws Exception;
}
