/**
 * The pipeline at a glance, for the console: each topic's records and rate, dead letters, consumer
 * groups' lag, sampled from Kafka's offsets.
 */
package io.pipeline.orchestrator.overview;
