package io.pipeline.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.schemas.topic.PipelineTopics;

/**
 * The trigger rules the demo runs the orchestrator with: each new object under {@code incoming/} of
 * the bucket starts the batch ETL, and each alert of the telemetry topology the incident response,
 * with an approval timeout short enough to watch; executions are named by the event's id, so that
 * an event read twice starts one.
 */
public final class DemoTriggers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoTriggers() {}

  /** The rules, as {@code ORCHESTRATOR_TRIGGERS} takes them. */
  public static String rules(String bucket, String region, String account) {
    String machines = "arn:aws:states:" + region + ":" + account + ":stateMachine:";
    ArrayNode rules = JSON.createArrayNode();
    ObjectNode etl = rules.addObject();
    etl.put("name", "new-orders");
    etl.put("sourceTopic", PipelineTopics.S3_OBJECT_EVENTS);
    ObjectNode pattern = etl.putObject("pattern");
    pattern.putArray("bucket").add(bucket);
    pattern.putArray("key").addObject().put("prefix", "incoming/");
    etl.put("stateMachineArn", machines + EtlStage.MACHINE);
    etl.put("executionName", "{$.eventId}");
    ObjectNode alerts = rules.addObject();
    alerts.put("name", "device-alerts");
    alerts.put("sourceTopic", PipelineTopics.IOT_ALERTS);
    alerts.put("stateMachineArn", machines + SecurityStage.MACHINE);
    alerts.put("executionName", "{$.alertId}");
    ObjectNode input = alerts.putObject("inputTemplate");
    for (String field :
        new String[] {
          "alertId", "deviceId", "site", "metric", "kind", "value", "limit", "readingId", "message"
        }) {
      input.put(field + ".$", "$." + field);
    }
    input.put("approvalTimeoutSeconds", SecurityStage.APPROVAL_TIMEOUT_SECONDS);
    return rules.toString();
  }
}
