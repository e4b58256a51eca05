/**
 * Kafka Streams topologies for Express-style streaming steps: parse and validate with dead-letter
 * topics, deduplicate by event id, enrich, windowed aggregates and threshold alerts, and the ETL
 * workers of batch stages. {@code telemetry}: the IoT telemetry topology (decision 0030); {@code
 * express}: Express steps on streams, ASL state machines run on each record of a topic (decision
 * 0031).
 */
package io.pipeline.transform;
