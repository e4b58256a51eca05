package io.pipeline.schemas.serde;

import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.iot.DeviceRecord;
import io.pipeline.schemas.iot.DeviceWindow;
import io.pipeline.schemas.iot.MetricFigures;
import io.pipeline.schemas.iot.MetricLimits;
import io.pipeline.schemas.iot.TelemetryAggregate;
import io.pipeline.schemas.iot.TelemetryAlert;
import io.pipeline.schemas.iot.TelemetryReading;
import io.pipeline.schemas.mqtt.MqttMessage;
import io.pipeline.schemas.mqtt.MqttUserProperty;
import io.pipeline.schemas.orchestrator.ActivityRecord;
import io.pipeline.schemas.orchestrator.AliasRoute;
import io.pipeline.schemas.orchestrator.CommandReply;
import io.pipeline.schemas.orchestrator.ExecutionCommand;
import io.pipeline.schemas.orchestrator.ExecutionHistoryBatch;
import io.pipeline.schemas.orchestrator.ExecutionHistoryEvent;
import io.pipeline.schemas.orchestrator.ExecutionRecord;
import io.pipeline.schemas.orchestrator.ExpressStart;
import io.pipeline.schemas.orchestrator.MapRunCounts;
import io.pipeline.schemas.orchestrator.MapRunRecord;
import io.pipeline.schemas.orchestrator.RedriveExecution;
import io.pipeline.schemas.orchestrator.ResourceTags;
import io.pipeline.schemas.orchestrator.StartExecution;
import io.pipeline.schemas.orchestrator.StateMachineAlias;
import io.pipeline.schemas.orchestrator.StateMachineRecord;
import io.pipeline.schemas.orchestrator.StateMachineVersion;
import io.pipeline.schemas.orchestrator.StopExecution;
import io.pipeline.schemas.orchestrator.TaskFailed;
import io.pipeline.schemas.orchestrator.TaskHeartbeat;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.orchestrator.TaskStarted;
import io.pipeline.schemas.orchestrator.TaskSucceeded;
import io.pipeline.schemas.orchestrator.TimerFired;
import io.pipeline.schemas.orchestrator.UpdateMapRun;
import io.pipeline.schemas.orchestrator.VersionCatalogEntry;
import io.pipeline.schemas.orchestrator.VersionCounter;
import io.pipeline.schemas.s3.S3EventSource;
import io.pipeline.schemas.s3.S3ListingEntry;
import io.pipeline.schemas.s3.S3Notification;
import io.pipeline.schemas.s3.S3ObjectEvent;
import java.util.List;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro (1.11.4 and later) instantiates only classes it trusts when it reads specific records, to
 * stop a schema from naming an arbitrary class. Its trust list is process-wide, so this class adds
 * exactly the generated classes of this build to it, once, before any serde reads.
 */
final class TrustedClasses {

  private static final List<Class<?>> GENERATED =
      List.of(
          S3ObjectEvent.class,
          S3EventSource.class,
          S3ListingEntry.class,
          S3Notification.class,
          MqttMessage.class,
          MqttUserProperty.class,
          TelemetryReading.class,
          DeadLetter.class,
          StateMachineRecord.class,
          ExecutionCommand.class,
          StartExecution.class,
          StopExecution.class,
          TaskSucceeded.class,
          TaskFailed.class,
          TaskHeartbeat.class,
          TaskStarted.class,
          TimerFired.class,
          RedriveExecution.class,
          CommandReply.class,
          ExecutionHistoryBatch.class,
          ExecutionHistoryEvent.class,
          ExecutionRecord.class,
          TaskRequest.class,
          ExpressStart.class,
          VersionCatalogEntry.class,
          StateMachineVersion.class,
          StateMachineAlias.class,
          AliasRoute.class,
          VersionCounter.class,
          ActivityRecord.class,
          ResourceTags.class,
          UpdateMapRun.class,
          MapRunRecord.class,
          MapRunCounts.class,
          TelemetryAggregate.class,
          DeviceWindow.class,
          MetricFigures.class,
          DeviceRecord.class,
          MetricLimits.class,
          TelemetryAlert.class);

  private static boolean registered;

  private TrustedClasses() {}

  static synchronized void register() {
    if (registered) {
      return;
    }
    ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
    GENERATED.forEach(ours::add);
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours.build()));
    registered = true;
  }
}
