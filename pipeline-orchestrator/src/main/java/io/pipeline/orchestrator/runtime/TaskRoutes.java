package io.pipeline.orchestrator.runtime;

import io.pipeline.orchestrator.machines.ExecutionTarget;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the runtime asks when it sends a Task's call on its way ({@link TaskDispatch}).
 *
 * @param callable whether one of the orchestrator's integrations serves a resource
 * @param topicExists whether a topic a Kafka produce names exists
 * @param targets what a start of a state machine, version or alias ARN runs, if it exists
 */
record TaskRoutes(
    Predicate<String> callable,
    Predicate<String> topicExists,
    Function<String, Optional<ExecutionTarget>> targets) {}
