/**
 * Kafka Streams topologies for Express-style streaming steps: parse and validate with dead-letter
 * topics, deduplicate by event id, enrich, windowed aggregates and threshold alerts, and the ETL
 * workers of batch stages. {@code telemetry}: the IoT telemetry topology (decision 0030).
 */
package io.pipeline.transform;
