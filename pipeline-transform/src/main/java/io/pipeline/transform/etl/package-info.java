/**
 * The batch ETL workers (decision 0032): the activities {@code etl-validate}, {@code etl-transform}
 * and {@code etl-catalog} of the state machine {@code examples/s3-batch-etl/etl.asl.json}, which
 * load an S3 object's rows (CSV or JSON lines) into a user's Avro schema, a Kafka topic in one
 * transaction per object, a curated Avro file and a quarantine report. Start them with {@link
 * io.pipeline.transform.etl.EtlWorkers#start}, configured by {@link
 * io.pipeline.transform.etl.EtlConfig}.
 */
package io.pipeline.transform.etl;
