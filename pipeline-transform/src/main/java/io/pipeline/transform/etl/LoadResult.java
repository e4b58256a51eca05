package io.pipeline.transform.etl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * What the load of one object did: the transform activity's output, and the body of the object's
 * manifest.
 *
 * @param object the object loaded, at the ETag loaded
 * @param format its format
 * @param source the object's bytes as streamed
 * @param rows how many rows were read, loaded and quarantined
 * @param schemaName the full name of the rows' schema
 * @param schemaFingerprint its fingerprint (CRC-64-AVRO, 16 hex digits), as on the schema topic
 * @param topic the topic the good rows went to
 * @param transactionalId the Kafka transactional id the rows were committed under
 * @param outputBucket the bucket of the curated file and the quarantine report
 * @param curatedKey the Avro container file of the good rows
 * @param curated its bytes as uploaded
 * @param quarantineKey the report of the bad rows, when there were any
 * @param startedAt when the load started
 * @param finishedAt when its rows were committed
 */
record LoadResult(
    ObjectRef object,
    DataFormat format,
    Digest source,
    RowCounts rows,
    String schemaName,
    String schemaFingerprint,
    String topic,
    String transactionalId,
    String outputBucket,
    String curatedKey,
    Digest curated,
    Optional<String> quarantineKey,
    Instant startedAt,
    Instant finishedAt) {

  /**
   * Bytes and their SHA-256.
   *
   * @param bytes how many
   * @param sha256 their SHA-256, in hex
   */
  record Digest(long bytes, String sha256) {}

  /**
   * The rows of a load.
   *
   * @param in read from the object
   * @param good written to the topic and the curated file
   * @param quarantined reported as bad
   */
  record RowCounts(long in, long good, long quarantined) {}

  ObjectNode toJson() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode json = nodes.objectNode();
    ObjectNode sourceJson = json.putObject("source");
    object.writeTo(sourceJson);
    sourceJson.put("format", format.name());
    sourceJson.put("bytes", source.bytes());
    sourceJson.put("sha256", source.sha256());
    ObjectNode rowsJson = json.putObject("rows");
    rowsJson.put("in", rows.in());
    rowsJson.put("good", rows.good());
    rowsJson.put("quarantined", rows.quarantined());
    ObjectNode schema = json.putObject("schema");
    schema.put("name", schemaName);
    schema.put("fingerprint", schemaFingerprint);
    json.put("topic", topic);
    json.put("transactionalId", transactionalId);
    ObjectNode curatedJson = json.putObject("curated");
    curatedJson.put("bucket", outputBucket);
    curatedJson.put("key", curatedKey);
    curatedJson.put("bytes", curated.bytes());
    curatedJson.put("sha256", curated.sha256());
    if (quarantineKey.isPresent()) {
      ObjectNode quarantine = json.putObject("quarantine");
      quarantine.put("bucket", outputBucket);
      quarantine.put("key", quarantineKey.get());
    } else {
      json.putNull("quarantine");
    }
    json.put("startedAt", startedAt.toString());
    json.put("finishedAt", finishedAt.toString());
    return json;
  }
}
