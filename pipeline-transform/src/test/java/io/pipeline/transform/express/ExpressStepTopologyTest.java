package io.pipeline.transform.express;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.schemas.dlq.DeadLetter;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Express steps on streams: each record's execution, its output to the sink or dead-lettered. */
class ExpressStepTopologyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  private final PipelineTopics topics = new PipelineTopics(SchemaCatalog.builtIn());
  private final List<TopologyTestDriver> drivers = new ArrayList<>();
  @TempDir Path stateDir;

  @AfterEach
  void closeDrivers() {
    drivers.forEach(TopologyTestDriver::close);
  }

  @Test
  void shouldWriteAPassAndChoiceTransformationsOutputToTheSinkWithTheRecordsKeyAndTime() {
    // given
    Driven orders = drive("normalize-orders");

    // when
    orders.in().pipeInput("order-1", order("o-1", 120), T0);
    orders.in().pipeInput("order-2", order("o-2", 20), T0.plusSeconds(5));

    // then
    List<TestRecord<String, byte[]>> out = orders.out().readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsExactly("order-1", "order-2");
    assertThat(out).extracting(TestRecord::getRecordTime).containsExactly(T0, T0.plusSeconds(5));
    JsonNode large = json(out.get(0).value());
    assertThat(large.path("orderId").asText()).isEqualTo("o-1");
    assertThat(large.path("customer").asText()).isEqualTo("Ada Lovelace");
    assertThat(large.path("receivedAt").asText()).isEqualTo("2026-11-26T09:00:00Z");
    assertThat(large.path("size").asText()).isEqualTo("large");
    assertThat(json(out.get(1).value()).path("size").asText()).isEqualTo("small");
    assertThat(orders.deadLetters().isEmpty()).isTrue();
  }

  @Test
  void shouldTransformWithJsonataExpressionsAndConditions() {
    // given
    Driven readings = drive("convert-readings");

    // when
    readings.in().pipeInput("pump-7", bytes("{\"device\": \"pump-7\", \"fahrenheit\": 95}"), T0);
    readings.in().pipeInput("pump-8", bytes("{\"device\": \"pump-8\", \"fahrenheit\": 50}"), T0);

    // then
    List<TestRecord<String, byte[]>> out = readings.out().readRecordsToList();
    JsonNode hot = json(out.get(0).value());
    assertThat(hot.path("device").asText()).isEqualTo("pump-7");
    assertThat(hot.path("celsius").asDouble()).isEqualTo(35.0);
    assertThat(hot.path("hot").asBoolean()).isTrue();
    assertThat(hot.path("convertedAt").asText()).isEqualTo(T0.toString());
    JsonNode mild = json(out.get(1).value());
    assertThat(mild.path("celsius").asDouble()).isEqualTo(10.0);
    assertThat(mild.has("hot")).isFalse();
  }

  @Test
  void shouldRunAnInlineMapOverEachItemOfAnArray() {
    // given
    Driven lines = drive("order-lines");

    // when
    lines
        .in()
        .pipeInput(
            "order-1",
            bytes(
                "{\"id\": \"o-1\", \"lines\": [{\"sku\": \"a\", \"quantity\": 2},"
                    + " {\"sku\": \"b\", \"quantity\": 40}, {\"sku\": \"c\", \"quantity\": 11}]}"),
            T0);

    // then
    JsonNode output = json(lines.out().readValue());
    assertThat(output.path("id").asText()).isEqualTo("o-1");
    assertThat(output.path("lines").toString())
        .isEqualTo(
            "[{\"sku\":\"a\",\"kind\":\"unit\"},{\"sku\":\"b\",\"kind\":\"bulk\"},"
                + "{\"sku\":\"c\",\"kind\":\"bulk\"}]");
  }

  @Test
  void shouldGiveTheSameUuidWhenTheRecordAtAnOffsetIsProcessedAgain() {
    // given: a record processed, then the step restarted before its offset was committed
    Driven first = drive("normalize-orders");
    first.in().pipeInput("order-1", order("o-1", 120), T0);
    String processed = json(first.out().readValue()).path("trackingId").asText();
    Driven restarted = drive("normalize-orders");

    // when: the same record comes again at the same offset, then the next record
    restarted.in().pipeInput("order-1", order("o-1", 120), T0);
    restarted.in().pipeInput("order-1", order("o-1", 120), T0);

    // then
    List<String> ids =
        restarted.out().readValuesToList().stream()
            .map(value -> json(value).path("trackingId").asText())
            .collect(Collectors.toList());
    assertThat(ids.get(0)).isEqualTo(processed);
    assertThat(ids.get(1)).isNotEqualTo(processed);
  }

  @Test
  void shouldDeadLetterARecordThatIsNotJsonWithTheReasonAndTheRecord() {
    // given
    Driven orders = drive("normalize-orders");
    byte[] value = bytes("{\"id\": \"o-1\", \"total\": ");

    // when
    orders.in().pipeInput("order-1", value, T0);

    // then
    TestRecord<String, DeadLetter> record = orders.deadLetters().readRecord();
    assertThat(record.key()).isEqualTo("order-1");
    DeadLetter letter = record.value();
    assertThat(letter.getStage()).isEqualTo("express-step:normalize-orders");
    assertThat(letter.getOrigin()).isEqualTo("orders.raw-0@0");
    assertThat(letter.getReason())
        .startsWith("InvalidExecutionInput: the record's value is not JSON: ")
        .contains("line 1");
    assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString())
        .isEqualTo("{\"id\": \"o-1\", \"total\": ");
    assertThat(letter.getFailedAt()).isEqualTo(T0);
    assertThat(attributes(letter))
        .containsEntry("error", "InvalidExecutionInput")
        .containsEntry(
            "executionArn",
            StreamStepRunner.identity("normalize-orders", "orders.raw", 0, 0).executionArn());
    assertThat(orders.out().isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterAFailStatesErrorAndCauseToTheStepsOwnDeadLetterTopic() {
    // given: check-payment's dead letters go to orders.unpaid
    Driven payments = drive("check-payment");

    // when
    payments.in().pipeInput("order-1", bytes("{\"paid\": true}"), T0);
    payments.in().pipeInput("order-2", bytes("{\"paid\": false}"), T0.plusSeconds(1));

    // then
    assertThat(payments.out().readKeyValuesToList())
        .extracting(kv -> kv.key + " " + new String(kv.value, StandardCharsets.UTF_8))
        .containsExactly("order-1 {\"paid\":true}");
    TestRecord<String, DeadLetter> record = payments.deadLetters().readRecord();
    assertThat(record.key()).isEqualTo("order-2");
    DeadLetter letter = record.value();
    assertThat(letter.getReason()).isEqualTo("Order.Unpaid: the order has not been paid");
    assertThat(letter.getOrigin()).isEqualTo("orders.raw-0@1");
    assertThat(letter.getFailedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(attributes(letter))
        .containsEntry("error", "Order.Unpaid")
        .containsEntry("cause", "the order has not been paid")
        .containsEntry(
            "executionArn",
            StreamStepRunner.identity("check-payment", "orders.raw", 0, 1).executionArn());
    assertThat(payments.defaultDeadLetters().isEmpty()).isTrue();
  }

  @Test
  void shouldNameEveryNodeAfterTheStep() {
    // given
    ExpressStep step = ExpressStepsFixture.step("normalize-orders");

    // when
    Topology topology = ExpressStepTopology.build(step.step(), step.machine(), topics);

    // then
    List<String> names = new ArrayList<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      sub.nodes().forEach(node -> names.add(node.name()));
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "normalize-orders-source",
            "normalize-orders-run",
            "normalize-orders-sink",
            "normalize-orders-dead-letters-sink");
  }

  /** A step's topology under test, with its topics. */
  private record Driven(
      TestInputTopic<String, byte[]> in,
      TestOutputTopic<String, byte[]> out,
      TestOutputTopic<String, DeadLetter> deadLetters,
      TestOutputTopic<String, DeadLetter> defaultDeadLetters) {}

  private Driven drive(String name) {
    ExpressStep step = ExpressStepsFixture.step(name);
    Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "express-" + name);
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, step.step().processingGuarantee().config());
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    TopologyTestDriver driver =
        new TopologyTestDriver(
            ExpressStepTopology.build(step.step(), step.machine(), topics), properties, T0);
    drivers.add(driver);
    return new Driven(
        driver.createInputTopic(
            step.step().source(), new StringSerializer(), new ByteArraySerializer()),
        driver.createOutputTopic(
            step.step().sink(), new StringDeserializer(), new ByteArrayDeserializer()),
        driver.createOutputTopic(
            step.step().deadLetters(),
            new StringDeserializer(),
            topics.transformDeadLetters().valueSerde().deserializer()),
        driver.createOutputTopic(
            PipelineTopics.TRANSFORM_DEAD_LETTERS,
            new StringDeserializer(),
            topics.transformDeadLetters().valueSerde().deserializer()));
  }

  private static byte[] order(String id, int total) {
    return bytes(
        "{\"id\": \""
            + id
            + "\", \"customer\": {\"first\": \"Ada\", \"last\": \"Lovelace\"}, \"total\": "
            + total
            + "}");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode json(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new AssertionError("the output is not JSON", e);
    }
  }

  private static Map<String, String> attributes(DeadLetter letter) {
    return letter.getAttributes().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString()));
  }
}
