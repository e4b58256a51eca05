package io.pipeline.schemas.serde;

import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.iot.DeviceRecord;
import io.pipeline.schemas.iot.DeviceWindow;
import io.pipeline.schemas.iot.TelemetryAggregate;
import io.pipeline.schemas.iot.TelemetryAlert;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.orchestrator.ActivityRecord;
import io.pipeline.schemas.orchestrator.CommandReply;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.ExecutionHistoryBatch;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.ExpressStart;
import io.pipeline.schemas.orchestrator.MapRunRecord;
import io.pipeline.schemas.orchestrator.ResourceTags;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.orchestrator.VersionCatalogEntry;
import io.pipeline.schemas.s3.S3ListingEntry;
import io.pipeline.schemas.s3.S3Notification;
import io.pipeline.schemas.s3.S3ObjectEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * The Avro schemas this process knows, by their CRC-64-AVRO fingerprint (the one single-object
 * encoding writes in front of every record). Thread-safe; schemas are only ever added.
 *
 * <p>{@link #builtIn()} holds the current schema of every record type this build generates, plus
 * every released version kept under {@code io/pipeline/schemas/released/<full name>/v<N>.avsc}, so
 * records written by older releases stay readable without any lookup.
 */
public final class SchemaCatalog implements SchemaStore {

  /** The record types of this build; their released versions are found by full name. */
  private static final List<Schema> CURRENT_SCHEMAS =
      List.of(
          S3ObjectEvent.getClassSchema(),
          S3ListingEntry.getClassSchema(),
          MqttMessage.getClassSchema(),
          TelemetryReading.getClassSchema(),
          S3Notification.getClassSchema(),
          DeadLetter.getClassSchema(),
          StateMachineRecord.getClassSchema(),
          ExecutionCommand.getClassSchema(),
          CommandReply.getClassSchema(),
          ExecutionHistoryBatch.getClassSchema(),
          ExecutionRecord.getClassSchema(),
          TaskRequest.getClassSchema(),
          ExpressStart.getClassSchema(),
          VersionCatalogEntry.getClassSchema(),
          ActivityRecord.getClassSchema(),
          ResourceTags.getClassSchema(),
          MapRunRecord.getClassSchema(),
          TelemetryAggregate.getClassSchema(),
          DeviceWindow.getClassSchema(),
          DeviceRecord.getClassSchema(),
          TelemetryAlert.getClassSchema());

  static final String RELEASED_ROOT = "/io/pipeline/schemas/released/";

  private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

  /** An empty catalog. */
  public SchemaCatalog() {}

  /** A catalog of this build's schemas and their released versions. */
  public static SchemaCatalog builtIn() {
    SchemaCatalog catalog = new SchemaCatalog();
    for (Schema current : CURRENT_SCHEMAS) {
      catalog.add(current);
      releasedVersions(current.getFullName()).forEach(catalog::add);
    }
    return catalog;
  }

  /** The current schemas of the record types this build generates. */
  public static List<Schema> currentSchemas() {
    return CURRENT_SCHEMAS;
  }

  /**
   * The released versions of a record type, oldest first, read from the classpath.
   *
   * @param fullName the record's full name, e.g. {@code io.pipeline.schemas.s3.S3ObjectEvent}
   */
  public static List<Schema> releasedVersions(String fullName) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = RELEASED_ROOT + fullName + "/v" + version + ".avsc";
      try (InputStream in = SchemaCatalog.class.getResourceAsStream(resource)) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + resource, e);
      }
    }
  }

  /** The fingerprint single-object encoding uses for this schema. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /** Adds a schema; adding a known one again changes nothing. */
  public void add(Schema schema) {
    byFingerprint.putIfAbsent(fingerprint(schema), schema);
  }

  /** Every schema in the catalog. */
  public Collection<Schema> schemas() {
    return List.copyOf(byFingerprint.values());
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }
}
