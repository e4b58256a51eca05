package io.pipeline.orchestrator.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Setting;
import io.pipeline.common.config.Settings;
import io.pipeline.orchestrator.schedules.Schedule;
import io.pipeline.orchestrator.schedules.ScheduleExpression;
import io.pipeline.orchestrator.schedules.ScheduleParseResult;
import io.pipeline.schemas.json.JsonSetting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A schedule that starts a state machine: EventBridge Scheduler's rate, cron and at expressions
 * with an optional time zone. Rates count their periods from the Unix epoch, so every instance
 * fires a rate schedule at the same instants.
 *
 * @param name 1 to 64 letters, digits, '.', '-' or '_'
 * @param schedule when it fires
 * @param stateMachineArn what it starts
 * @param input the execution input; empty for EventBridge's "Scheduled Event"
 */
public record ScheduleRule(
    String name, Schedule schedule, String stateMachineArn, Optional<JsonNode> input) {

  /**
   * The key whose partition decides which instance leads a schedule (fires its Express starts):
   * this prefix and the schedule's name.
   */
  public static final String LEADER_KEY_PREFIX = "schedule/";

  /** {@code ORCHESTRATOR_SCHEDULES}: the schedules, JSON or {@code @file}; none by default. */
  public static final Setting<String> SETTING =
      Setting.string(
          "ORCHESTRATOR_SCHEDULES",
          "[]",
          "JSON array of schedules {name, expression, timezone, stateMachineArn, input}, or @file;"
              + " expression: rate(5 minutes), cron(0 8 * * ? *) or at(2027-01-01T00:00:00);"
              + " timezone: an IANA id (UTC by default); input: the execution input (EventBridge's"
              + " Scheduled Event by default).");

  private static final Set<String> PROPERTIES =
      Set.of("name", "expression", "timezone", "stateMachineArn", "input");

  /** Reads and checks the schedules of the settings. */
  public static List<ScheduleRule> from(Settings settings) {
    return parse(SETTING.name(), settings.get(SETTING));
  }

  /**
   * @param setting the setting's name, for messages
   * @param value the JSON array, or {@code @path} of a file holding it
   */
  static List<ScheduleRule> parse(String setting, String value) {
    JsonNode array = JsonSetting.read(setting, value);
    if (!array.isArray()) {
      throw new ConfigException(
          "Setting "
              + setting
              + " must be a JSON array of schedules, e.g. [{\"name\": \"nightly\", \"expression\":"
              + " \"cron(0 2 * * ? *)\", \"stateMachineArn\":"
              + " \"arn:aws:states:us-east-1:000000000000:stateMachine:etl\"}]");
    }
    List<ScheduleRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String where = "Setting " + setting + "[" + i + "]";
      ScheduleRule rule = parseOne(where, array.get(i));
      if (!names.add(rule.name())) {
        throw new ConfigException(where + ": the name '" + rule.name() + "' is taken");
      }
      rules.add(rule);
    }
    return rules;
  }

  private static ScheduleRule parseOne(String where, JsonNode json) {
    if (!json.isObject()) {
      throw new ConfigException(where + ": a schedule is a JSON object");
    }
    json.fieldNames()
        .forEachRemaining(
            field -> {
              if (!PROPERTIES.contains(field)) {
                throw new ConfigException(
                    where + ": unknown property '" + field + "' (known: " + PROPERTIES + ")");
              }
            });
    String name = text(where, json, "name");
    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new ConfigException(
          where + ": 'name' must be 1 to 64 letters, digits, '.', '-' or '_', was '" + name + "'");
    }
    String zone = json.has("timezone") ? text(where, json, "timezone") : "UTC";
    ScheduleParseResult parsed = ScheduleExpression.parse(text(where, json, "expression"), zone);
    if (!parsed.isValid()) {
      throw new ConfigException(where + ": 'expression': " + parsed.error().get().message());
    }
    String arn = text(where, json, "stateMachineArn");
    if (!arn.matches("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}")) {
      throw new ConfigException(where + ": 'stateMachineArn' is not a state machine ARN: " + arn);
    }
    return new ScheduleRule(
        name,
        Schedule.of(parsed.orElseThrow()).withStartDate(Instant.EPOCH),
        arn,
        Optional.ofNullable(json.get("input")));
  }

  private static String text(String where, JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new ConfigException(where + ": '" + field + "' must be a non-empty string");
    }
    return value.asText();
  }
}
