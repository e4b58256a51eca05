/**
 * Triggers, as pure logic: rules that map a topic and an EventBridge event pattern to a state
 * machine, an input and an execution name taken from the event ({@link
 * io.pipeline.orchestrator.triggers.TriggerRules#match}). Patterns are matched by AWS's own Event
 * Ruler, the library EventBridge uses. Names are deterministic, so a redelivered event names the
 * execution it already started, and {@code ExecutionAlreadyExists} means "already started". Nothing
 * here reads Kafka: the consumer that feeds records in and starts executions is built on top.
 */
package io.pipeline.orchestrator.triggers;
