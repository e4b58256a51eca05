package io.pipeline.transform.etl;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.client.worker.TaskHandler;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.schemas.registry.SchemaTopic;
import io.pipeline.schemas.serde.AvroSerde;
import io.pipeline.schemas.serde.SchemaCatalog;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The {@code etl-transform} activity: streams the object from S3 and, row by row, writes the good
 * rows to the rows topic (one Kafka transaction per object, keyed by row id) and to an Avro
 * container file under {@code curated/}, and the bad ones to a report under {@code quarantine/}.
 * Memory stays flat whatever the object's size: one row, one upload part and the producer's buffer.
 *
 * <p>The S3 files are written before the transaction commits, so rows are visible only once their
 * files are there; a load that fails aborts its transaction and the uploads it has not completed.
 * Should the commit itself fail, the next attempt writes the same files again: the curated file's
 * bytes depend on the object only. The object is read at the ETag validated ({@code If-Match}): if
 * it was overwritten since, the load fails with {@value EtlErrors#OBJECT_CHANGED}, and the new
 * version's own event loads it.
 *
 * <p>Input: {@code {"object": <the validate activity's output>, "format": "CSV" | "JSONL"}}.
 */
final class TransformStage implements TaskHandler {

  /** How many rows pass between two looks at the heartbeat clock. */
  private static final int HEARTBEAT_CHECK_ROWS = 1024;

  private final S3Client s3;
  private final KafkaSettings kafka;
  private final EtlConfig config;
  private final AvroSerde<GenericRecord> serde;
  private final String schemaFingerprint;
  private final Clock clock;

  TransformStage(S3Client s3, KafkaSettings kafka, EtlConfig config, Clock clock) {
    this.s3 = s3;
    this.kafka = kafka;
    this.config = config;
    // Writes only: readers resolve the schema by fingerprint from the schema topic.
    this.serde = AvroSerde.generic(config.schema(), new SchemaCatalog());
    this.schemaFingerprint = SchemaTopic.key(config.schema());
    this.clock = clock;
  }

  @Override
  public JsonNode handle(ActivityTask task) throws TaskFailedException {
    JsonNode input = task.input();
    ObjectRef object = ObjectRef.fromJson(input.path("object"));
    String formatName = input.path("format").asText(input.path("object").path("format").asText());
    DataFormat format;
    try {
      format = DataFormat.valueOf(formatName);
    } catch (IllegalArgumentException e) {
      throw new TaskFailedException(
          EtlErrors.INVALID_INPUT,
          "The task input's 'format' must be one of "
              + Arrays.toString(DataFormat.values())
              + ", not '"
              + formatName
              + "'");
    }
    return load(object, format, new Heartbeats(task::heartbeat, config.heartbeatInterval(), clock))
        .toJson();
  }

  /**
   * Loads an object.
   *
   * @param object the object, at the ETag to load (any version when it has none)
   * @param format how to read it
   * @param heartbeats told as rows go by
   */
  LoadResult load(ObjectRef object, DataFormat format, Heartbeats heartbeats)
      throws TaskFailedException {
    GetObjectRequest.Builder get =
        GetObjectRequest.builder().bucket(object.bucket()).key(object.key());
    object.etag().ifPresent(etag -> get.ifMatch("\"" + etag + "\""));
    object.versionId().ifPresent(get::versionId);
    ResponseInputStream<GetObjectResponse> response = null;
    Load load = new Load(object, format, heartbeats);
    try {
      response = s3.getObject(get.build());
      return load.run(response);
    } catch (Exception e) {
      if (response != null) {
        // Do not read the rest of a large object just to close its connection.
        response.abort();
      }
      throw EtlErrors.classify(object, load.step, e);
    }
  }

  /** One load of an object; {@link #step} says what it was doing, for errors. */
  private final class Load {
    private final ObjectRef object;
    private final DataFormat format;
    private final Heartbeats heartbeats;
    private String step = "reading the object";

    Load(ObjectRef object, DataFormat format, Heartbeats heartbeats) {
      this.object = object;
      this.format = format;
      this.heartbeats = heartbeats;
    }

    LoadResult run(ResponseInputStream<GetObjectResponse> response) throws Exception {
      Instant startedAt = clock.instant();
      ObjectRef loaded = object.withEtag(unquoted(response.response().eTag()));
      ObjectPaths paths = config.paths(object.bucket(), object.key());
      String transactionalId = transactionalId(loaded);
      try (SourceStream source = new SourceStream(response);
          RowPublisher rows =
              RowPublisher.begin(
                  kafka, config.rowsTopic(), transactionalId, config.transactionTimeout());
          S3Upload curated =
              new S3Upload(
                  s3, paths.bucket(), paths.curatedKey(), "application/avro", config.partBytes());
          QuarantineReport quarantine =
              new QuarantineReport(s3, paths.bucket(), paths.quarantineKey())) {
        // Not closed on failure: closing would flush a last block into the upload being aborted.
        DataFileWriter<GenericRecord> avro =
            new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(config.schema()))
                .setCodec(CodecFactory.deflateCodec(1))
                .create(config.schema(), new Unclosed(curated), syncMarker(loaded));
        RowIds ids = new RowIds(object.bucket(), object.key());
        long in = 0;
        long good = 0;
        try (ReadAhead reader =
            ReadAhead.start(reader(loaded, format, source), "etl-rows " + object.key())) {
          for (Optional<Row> next = reader.next(); next.isPresent(); next = reader.next()) {
            in++;
            if (next.get() instanceof Row.Good row) {
              // Encoded once: the topic's single-object encoding holds the file's datum as is.
              byte[] value = serde.encode(config.rowsTopic(), row.record());
              rows.send(ids.id(row.number(), row.content()), value);
              avro.appendEncoded(AvroSerde.body(value));
              good++;
            } else {
              quarantine.add((Row.Bad) next.get());
            }
            if (in % HEARTBEAT_CHECK_ROWS == 0) {
              heartbeats.maybeBeat();
            }
          }
        }
        source.drain();
        step = "writing s3://" + paths.bucket() + "/" + paths.curatedKey();
        avro.close();
        curated.complete();
        step = "writing s3://" + paths.bucket() + "/" + paths.quarantineKey();
        quarantine.complete();
        step = "committing the rows to topic " + config.rowsTopic();
        rows.commit();
        return new LoadResult(
            loaded,
            format,
            new LoadResult.Digest(source.bytes(), source.sha256()),
            new LoadResult.RowCounts(in, good, quarantine.rows()),
            config.schema().getFullName(),
            schemaFingerprint,
            config.rowsTopic(),
            transactionalId,
            paths.bucket(),
            paths.curatedKey(),
            new LoadResult.Digest(curated.bytes(), curated.sha256()),
            quarantine.rows() > 0 ? Optional.of(paths.quarantineKey()) : Optional.empty(),
            startedAt,
            clock.instant());
      }
    }
  }

  private RowReader reader(ObjectRef object, DataFormat format, SourceStream source)
      throws IOException, TaskFailedException {
    Schema schema = config.schema();
    if (format == DataFormat.JSONL) {
      return new JsonLinesRowReader(source, schema, config.maxRowBytes());
    }
    CsvRowReader reader = CsvRowReader.open(source, schema, config.maxRowBytes());
    if (!reader.headerProblems().isEmpty()) {
      throw EtlErrors.invalidObject(
          object,
          "has a CSV header that does not fit schema "
              + schema.getName()
              + ": "
              + String.join("; ", reader.headerProblems()));
    }
    return reader;
  }

  /** The transactional id of an object's loads: the same for every attempt at one version. */
  String transactionalId(ObjectRef object) {
    return config.transactionalIdPrefix()
        + HexFormat.of().formatHex(objectHash(object, "transaction"), 0, 16);
  }

  /**
   * The curated file's sync marker, from the object, so that loading the same object twice writes
   * the same bytes (Avro picks a random one otherwise).
   */
  private static byte[] syncMarker(ObjectRef object) {
    return Arrays.copyOf(objectHash(object, "avro-sync"), 16);
  }

  private static byte[] objectHash(ObjectRef object, String purpose) {
    MessageDigest sha256 = RowIds.sha256();
    for (String part :
        new String[] {purpose, object.bucket(), object.key(), object.etag().orElse("")}) {
      sha256.update(part.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
    }
    return sha256.digest();
  }

  private static String unquoted(String etag) {
    return etag == null ? null : etag.replace("\"", "");
  }

  /** Keeps Avro's writer from closing (and so aborting) the upload it writes to. */
  private static final class Unclosed extends FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
