/**
 * The orchestrator: Standard workflows on Kafka Streams (exactly-once state transitions, timers,
 * history), Express workflows, task integrations, triggers, the Step Functions-compatible API and
 * the console. Its HTTP stack is Jetty 12's core API (see docs/decisions/0001). The runtime arrives
 * with the workflow issues; this module fixes its place in the build.
 */
package io.pipeline.orchestrator;
