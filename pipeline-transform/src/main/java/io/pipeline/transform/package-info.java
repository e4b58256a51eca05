/**
 * Kafka Streams topologies for Express-style streaming steps: parse and validate with dead-letter
 * topics, deduplicate by event id, enrich, windowed aggregates and threshold alerts, and the ETL
 * workers of batch stages. The topologies arrive with the streaming-transformation issue; this
 * module fixes their place in the build.
 */
package io.pipeline.transform;
