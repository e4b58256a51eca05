package io.pipeline.orchestrator.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The envelope of an EventBridge event: {@code version}, {@code id}, {@code detail-type}, {@code
 * source}, {@code account}, {@code time}, {@code region}, {@code resources} and an empty {@code
 * detail} for the caller to fill. The id is derived from a seed, so the same event written twice
 * has the same id.
 */
public final class EventBridgeEvent {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventBridgeEvent() {}

  /**
   * @param idSeed what makes the event itself (e.g. an execution and its status)
   * @param detailType e.g. {@code Scheduled Event}
   * @param source e.g. {@code aws.states}
   * @param arn an ARN of the account and region the event is from
   * @param time when it happened (to the second, as EventBridge shows it)
   * @param resource what it is about
   * @return the event; {@code detail} is the object to fill
   */
  public static ObjectNode envelope(
      String idSeed, String detailType, String source, String arn, Instant time, String resource) {
    String[] parts = arn.split(":");
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0");
    event.put("id", UUID.nameUUIDFromBytes(idSeed.getBytes(StandardCharsets.UTF_8)).toString());
    event.put("detail-type", detailType);
    event.put("source", source);
    event.put("account", parts.length > 4 ? parts[4] : "");
    event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", parts.length > 3 ? parts[3] : "");
    event.putArray("resources").add(resource);
    event.putObject("detail");
    return event;
  }
}
