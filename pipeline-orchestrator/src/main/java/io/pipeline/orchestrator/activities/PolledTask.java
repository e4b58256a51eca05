package io.pipeline.orchestrator.activities;

/**
 * A task handed to a poll.
 *
 * @param taskToken the token the worker sends the result with
 * @param input the task's input, JSON text
 * @param executionArn the execution the task belongs to
 */
public record PolledTask(String taskToken, String input, String executionArn) {}
