package io.pipeline.orchestrator.triggers;

import static io.pipeline.orchestrator.triggers.EventPatternTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.common.config.ConfigException;
import io.pipeline.common.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggerRulesTest {

  private static final String S3_EVENTS = "pipeline.s3.object-events";
  private static final String ETL = "arn:aws:states:us-east-1:000000000000:stateMachine:etl";

  /** A rule over S3ObjectEvents as the ingest service writes them. */
  private static final String LANDING_CSV =
      "{'name': 'landing-csv', 'sourceTopic': 'pipeline.s3.object-events',"
          + " 'pattern': {'bucket': ['landing'], 'key': [{'prefix': 'incoming/'}],"
          + "             'eventName': [{'prefix': 'ObjectCreated:'}]},"
          + " 'stateMachineArn': '"
          + ETL
          + "',"
          + " 'inputTemplate': {'bucket.$': '$.bucket', 'key.$': '$.key', 'size.$': '$.size',"
          + "                   'trigger': 'landing-csv'},"
          + " 'executionName': '{$.bucket}-{$.key}-{$.eventId}'}";

  private static final JsonNode OBJECT_CREATED =
      event(
          "{'eventId': '6f1c0e55d2b84d0c', 'eventName': 'ObjectCreated:Put',"
              + " 'source': 'SQS_NOTIFICATION', 'bucket': 'landing',"
              + " 'key': 'incoming/2026/a b.csv', 'size': 10,"
              + " 'etag': '4fa1a5b2c0d9e8f7a6b5c4d3e2f1a0b9', 'sequencer': '0062E99A88DC407460',"
              + " 'eventTime': 1767225600000, 'observedAt': 1767225600123, 'versionId': null}");

  @Test
  void shouldStartTheRulesStateMachineForAnS3ObjectOfTheBucketAndPrefix() {
    TriggerRules rules = rules("[" + LANDING_CSV + "]");

    List<TriggerMatch> matches = rules.match(S3_EVENTS, OBJECT_CREATED);

    assertThat(matches).hasSize(1);
    TriggerMatch.Start start = (TriggerMatch.Start) matches.get(0);
    assertThat(start.rule().stateMachineArn()).isEqualTo(ETL);
    assertThat(start.input())
        .isEqualTo(
            event(
                "{'bucket': 'landing', 'key': 'incoming/2026/a b.csv', 'size': 10,"
                    + " 'trigger': 'landing-csv'}"));
    assertThat(start.executionName())
        .matches("landing-incoming_2026_a_b\\.csv-6f1c0e55d2b84d0c-[0-9a-f]{16}");
  }

  @Test
  void shouldStartNothingForAnObjectOutsideTheBucketOrPrefix() {
    TriggerRules rules = rules("[" + LANDING_CSV + "]");

    assertThat(rules.match(S3_EVENTS, with(OBJECT_CREATED, "bucket", "archive"))).isEmpty();
    assertThat(rules.match(S3_EVENTS, with(OBJECT_CREATED, "key", "outgoing/a.csv"))).isEmpty();
    assertThat(rules.match("pipeline.other", OBJECT_CREATED)).isEmpty();
  }

  @Test
  void shouldNameTheSameExecutionWhenAnEventIsDeliveredAgain() {
    TriggerRules rules = rules("[" + LANDING_CSV + "]");

    TriggerMatch first = rules.match(S3_EVENTS, OBJECT_CREATED).get(0);
    TriggerMatch again = rules.match(S3_EVENTS, OBJECT_CREATED.deepCopy()).get(0);
    TriggerMatch next = rules.match(S3_EVENTS, with(OBJECT_CREATED, "eventId", "7a2d")).get(0);

    assertThat(again).isEqualTo(first);
    assertThat(((TriggerMatch.Start) next).executionName())
        .isNotEqualTo(((TriggerMatch.Start) first).executionName());
  }

  @Test
  void shouldPassTheWholeEventAndNameByContentWhenTheRuleSaysNothing() {
    TriggerRules rules =
        rules(
            "[{'name': 'all-objects', 'sourceTopic': '"
                + S3_EVENTS
                + "', 'stateMachineArn': '"
                + ETL
                + "'}]");

    TriggerMatch.Start start = (TriggerMatch.Start) rules.match(S3_EVENTS, OBJECT_CREATED).get(0);

    assertThat(start.input()).isEqualTo(OBJECT_CREATED);
    assertThat(start.executionName())
        .isEqualTo(ExecutionNames.byContent("all-objects", OBJECT_CREATED));
    assertThat(start.rule().pattern().matchesAnyEvent()).isTrue();
    assertThat(rules.match(S3_EVENTS, event("[1]"))).hasSize(1);
  }

  @Test
  void shouldGiveEveryMatchingRuleOfTheTopicInTheOrderGiven() {
    TriggerRules rules =
        rules(
            "[{'name': 'big', 'sourceTopic': 't', 'stateMachineArn': '"
                + ETL
                + "', 'pattern': {'size': [{'numeric': ['>', 5]}]}},"
                + " {'name': 'elsewhere', 'sourceTopic': 'u', 'stateMachineArn': '"
                + ETL
                + "'},"
                + " {'name': 'csv', 'sourceTopic': 't', 'stateMachineArn': '"
                + ETL
                + "', 'pattern': {'key': [{'suffix': '.csv'}]}},"
                + " {'name': 'json', 'sourceTopic': 't', 'stateMachineArn': '"
                + ETL
                + "', 'pattern': {'key': [{'suffix': '.json'}]}}]");

    List<TriggerMatch> matches = rules.match("t", event("{'key': 'a.csv', 'size': 10}"));

    assertThat(matches).extracting(m -> m.rule().name()).containsExactly("big", "csv");
    assertThat(rules.topics()).containsExactlyInAnyOrder("t", "u");
    assertThat(rules.rule("csv")).map(TriggerRule::sourceTopic).contains("t");
  }

  @Test
  void shouldSayWhyAMatchedEventCannotStartAnExecution() {
    TriggerRules rules = rules("[" + LANDING_CSV + "]");
    JsonNode withoutId = OBJECT_CREATED.deepCopy();
    ((ObjectNode) withoutId).remove("eventId");
    JsonNode withoutSize = OBJECT_CREATED.deepCopy();
    ((ObjectNode) withoutSize).remove("size");

    assertThat(rules.match(S3_EVENTS, withoutId))
        .extracting(m -> ((TriggerMatch.Unstartable) m).reason())
        .containsExactly("executionName: the event has nothing at $.eventId");
    assertThat(rules.match(S3_EVENTS, withoutSize))
        .extracting(m -> ((TriggerMatch.Unstartable) m).reason())
        .containsExactly("inputTemplate field 'size.$': the event has nothing at $.size");
  }

  @Test
  void shouldHaveNoRulesByDefaultAndReadTheSetting() {
    assertThat(TriggerRules.from(Settings.of(Map.of())).rules()).isEmpty();

    TriggerRules rules =
        TriggerRules.from(
            Settings.of(Map.of("ORCHESTRATOR_TRIGGERS", json("[" + LANDING_CSV + "]"))));

    TriggerRule rule = rules.rules().get(0);
    assertThat(rule.name()).isEqualTo("landing-csv");
    assertThat(rule.sourceTopic()).isEqualTo(S3_EVENTS);
    assertThat(rule.pattern().json().path("bucket")).isEqualTo(event("['landing']"));
    assertThat(rule.inputTemplate().json()).isPresent();
    assertThat(rule.executionName().text()).contains("{$.bucket}-{$.key}-{$.eventId}");
  }

  @Test
  void shouldReadRulesFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("triggers.json");
    Files.writeString(file, json("[" + LANDING_CSV + "]"));

    assertThat(TriggerRules.parse("ORCHESTRATOR_TRIGGERS", "@" + file).rules()).hasSize(1);
    assertThatThrownBy(
            () -> TriggerRules.parse("ORCHESTRATOR_TRIGGERS", "@" + dir.resolve("missing.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORCHESTRATOR_TRIGGERS=@")
        .hasMessageContaining("cannot read the file");
  }

  @Test
  void shouldSayWhichRuleAndPropertyIsWrong() {
    String base = "'name': 'r', 'sourceTopic': 't', 'stateMachineArn': '" + ETL + "'";
    assertRefused("{'a': 1}", "must be a JSON array of trigger rules");
    assertRefused("[{" + base + "}, 3]", "[1]: a rule must be a JSON object");
    assertRefused("[{" + base + ", 'topic': 'x'}]", "[0]: unknown property 'topic'");
    assertRefused(
        "[{'sourceTopic': 't', 'stateMachineArn': '" + ETL + "'}]", "[0]: 'name' is required");
    assertRefused("[{" + base.replace("'r'", "'a b'") + "}]", "[0]: 'name' must be 1 to 64");
    assertRefused(
        "[{" + base.replace(ETL, "etl") + "}]",
        "[0]: 'stateMachineArn' must be a state machine ARN");
    assertRefused(
        "[{" + base + ", 'pattern': {'key': [{'prefix': 3}]}}]",
        "[0]: 'pattern' at /key/0/prefix: prefix match pattern must be a string");
    assertRefused(
        "[{" + base + ", 'pattern': ['landing']}]", "[0]: 'pattern': must be a JSON object");
    assertRefused(
        "[{" + base + ", 'inputTemplate': {'key.$': 'key'}}]",
        "[0]: 'inputTemplate' at /key.$: 'key' is not a JSONPath");
    assertRefused(
        "[{" + base + ", 'executionName': 'fixed'}]",
        "[0]: 'executionName' 'fixed' has no {JSONPath} placeholder");
    assertRefused("[{" + base + ", 'executionName': 3}]", "[0]: 'executionName' must be a string");
    assertRefused("[{" + base + "}, {" + base + "}]", "[1]: the name 'r' is taken");
  }

  @Test
  void shouldGiveTheLineAndColumnOfMalformedJson() {
    assertRefused("[{'name': 'r',\n 'name': 's'}]", "(line 2, column");
    assertRefused("[{'name': }]", "is not valid JSON");
  }

  @Test
  void shouldRefuseTwoRulesOfOneNameGivenInCode() {
    TriggerRule rule =
        new TriggerRule(
            "r",
            "t",
            EventPattern.anyEvent(),
            ETL,
            InputTemplate.wholeEvent(),
            ExecutionNameTemplate.byContent());

    assertThatThrownBy(() -> TriggerRules.of(List.of(rule, rule)))
        .hasMessageContaining("two trigger rules are named 'r'");
  }

  private static void assertRefused(String singleQuoted, String message) {
    assertThatThrownBy(() -> rules(singleQuoted))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Setting ORCHESTRATOR_TRIGGERS")
        .hasMessageContaining(message);
  }

  private static TriggerRules rules(String singleQuoted) {
    return TriggerRules.parse("ORCHESTRATOR_TRIGGERS", json(singleQuoted));
  }

  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static JsonNode with(JsonNode event, String field, String value) {
    JsonNode copy = event.deepCopy();
    ((ObjectNode) copy).put(field, value);
    return copy;
  }
}
