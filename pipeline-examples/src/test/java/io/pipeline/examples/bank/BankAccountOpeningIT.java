package io.pipeline.examples.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.examples.InProcessOrchestrator;
import io.pipeline.examples.JsonRecords;
import io.pipeline.examples.JsonRecords.JsonRecord;
import io.pipeline.localstack.LocalStack;
import io.pipeline.localstack.junit.LocalStackExtension;
import io.pipeline.localstack.kafka.TopicReader;
import io.pipeline.schemas.orchestrator.TaskRequest;
import io.pipeline.schemas.serde.SchemaCatalog;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.schemas.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The bank account opening example end to end: the embedded broker, an orchestrator in this JVM,
 * the bank's services, and the state machine and its activities created through the AWS SDK.
 */
@ExtendWith(LocalStackExtension.class)
class BankAccountOpeningIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static InProcessOrchestrator orchestrator;
  private static BankWorkers workers;
  private static SfnClient sfn;
  private static String bootstrap;
  private static String machine;
  private static String blockedCustomer;

  @BeforeAll
  static void start(LocalStack stack) throws Exception {
    orchestrator = InProcessOrchestrator.start(stack);
    sfn = orchestrator.sfn();
    bootstrap = orchestrator.kafka().bootstrapServers();
    blockedCustomer = LocalStack.uniqueName("C-blocked");
    workers = BankWorkers.start(orchestrator.kafka(), Set.of(blockedCustomer));
    BankAccountOpening.WORKFLOW.createActivities(sfn);
    machine =
        BankAccountOpening.WORKFLOW.createStateMachine(sfn, LocalStack.uniqueName("bank-opening"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (workers != null) {
      workers.close();
    }
    if (orchestrator != null) {
      orchestrator.close();
    }
  }

  private static ObjectNode customer(String sample, String customerId) throws Exception {
    ObjectNode input = (ObjectNode) JSON.readTree(BankAccountOpening.WORKFLOW.sampleInput(sample));
    return input.put("customerId", customerId);
  }

  private static String start(JsonNode input) {
    return sfn.startExecution(b -> b.stateMachineArn(machine).input(input.toString()))
        .executionArn();
  }

  private static List<JsonRecord> customerEntries(String customerId, int count) {
    return JsonRecords.await(bootstrap, BankAccountOpening.CUSTOMERS_TOPIC, customerId, count);
  }

  @Test
  void shouldOpenTheAccountWhenTheCustomerIsValid() throws Exception {
    String customerId = LocalStack.uniqueName("C");
    String accountId = AccountIds.forCustomer(customerId);

    String execution = start(customer("valid-customer", customerId));
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode output = JSON.readTree(closed.output());
    assertThat(output.get("accountId").asText()).isEqualTo(accountId);
    assertThat(output.get("holder").asText()).isEqualTo("Ada Lovelace");
    assertThat(output.at("/address/postalCode").asText()).isEqualTo("SW1Y 4JH");
    assertThat(output.at("/address/country").asText()).isEqualTo("GB");
    List<JsonRecord> accounts =
        JsonRecords.await(bootstrap, BankAccountOpening.ACCOUNTS_TOPIC, accountId, 1);
    assertThat(accounts).hasSize(1);
    assertThat(accounts.get(0).value().get("customerId").asText()).isEqualTo(customerId);
    assertThat(accounts.get(0).value().get("status").asText()).isEqualTo("OPEN");
    List<JsonRecord> entries = customerEntries(customerId, 1);
    assertThat(entries)
        .extracting(e -> e.value().get("status").asText())
        .containsExactly("RESERVED");
    assertThat(entries.get(0).value().get("execution").asText()).isEqualTo(execution);
  }

  @Test
  void shouldRejectTheCustomerWithTheReasonWhenTheNameIsInvalid() throws Exception {
    String customerId = LocalStack.uniqueName("C");

    String execution = start(customer("invalid-name", customerId));
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(closed.error()).isEqualTo(BankErrors.INVALID_NAME);
    assertThat(closed.cause())
        .isEqualTo("the name may contain only letters, spaces, hyphens and apostrophes, not '2'");
    assertThat(orchestrator.statesEntered(execution))
        .contains("ValidateCustomer", "Rejected")
        .doesNotContain("ReserveCustomer", "CreateAccount", "ReleaseCustomer");
  }

  @Test
  void shouldReleaseTheReservationAndFailWithTheServicesErrorWhenTheAccountCannotBeOpened()
      throws Exception {
    String execution = start(customer("valid-customer", blockedCustomer));
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(closed.error()).isEqualTo(BankErrors.CUSTOMER_BLOCKED);
    assertThat(closed.cause()).contains(blockedCustomer, "block list");
    assertThat(orchestrator.statesEntered(execution))
        .containsSubsequence(
            "ReserveCustomer", "CreateAccount", "ReleaseCustomer", "AccountNotOpened");
    List<JsonRecord> entries = customerEntries(blockedCustomer, 2);
    assertThat(entries)
        .extracting(e -> e.value().get("status").asText())
        .containsExactly("RESERVED", "RELEASED");
    assertThat(entries.get(1).value().get("execution").asText()).isEqualTo(execution);
    assertThat(entries.get(1).value().get("reason").asText())
        .isEqualTo(BankErrors.CUSTOMER_BLOCKED);
    assertThat(
            JsonRecords.settled(
                bootstrap,
                BankAccountOpening.ACCOUNTS_TOPIC,
                AccountIds.forCustomer(blockedCustomer),
                Duration.ofMillis(500)))
        .isEmpty();
  }

  @Test
  void shouldRejectTheCustomerWhenTheIdIsReservedForSomeoneElse() throws Exception {
    String customerId = LocalStack.uniqueName("C");
    String first = start(customer("valid-customer", customerId));
    assertThat(orchestrator.awaitClosed(first).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    String second = start(customer("valid-customer", customerId).put("name", "Grace Hopper"));
    DescribeExecutionResponse closed = orchestrator.awaitClosed(second);

    assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(closed.error()).isEqualTo(BankErrors.CUSTOMER_ID_TAKEN);
    assertThat(orchestrator.statesEntered(second)).doesNotContain("CreateAccount");
  }

  @Test
  void shouldNotOpenASecondAccountWhenTheCreateTaskIsDeliveredAgain() throws Exception {
    String customerId = LocalStack.uniqueName("C");
    String accountId = AccountIds.forCustomer(customerId);
    String execution = start(customer("valid-customer", customerId));
    assertThat(orchestrator.awaitClosed(execution).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    long refusedBefore = workers.stats().get(BankAccountOpening.CREATE_ACCOUNT).refused();

    // The worker reads the very request again, as after a crash before its offset was committed.
    redeliver(taskRequestOf(execution, BankAccountOpening.CREATE_ACCOUNT));

    List<JsonRecord> accounts =
        JsonRecords.await(bootstrap, BankAccountOpening.ACCOUNTS_TOPIC, accountId, 2);
    assertThat(accounts).hasSize(2);
    assertThat(accounts.get(1).value()).isEqualTo(accounts.get(0).value());
    assertThat(
            JsonRecords.settled(
                bootstrap, BankAccountOpening.ACCOUNTS_TOPIC, accountId, Duration.ofMillis(300)))
        .extracting(r -> r.value().get("customerId").asText())
        .containsOnly(customerId);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> workers.stats().get(BankAccountOpening.CREATE_ACCOUNT).refused(),
            refused -> refused == refusedBefore + 1);
    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  /** The task request the runtime wrote for the execution's task of this activity. */
  private static ConsumerRecord<String, byte[]> taskRequestOf(String execution, String activity) {
    Topic<String, TaskRequest> topic =
        new PipelineTopics(SchemaCatalog.builtIn()).activity(activity);
    List<ConsumerRecord<String, byte[]>> requests =
        TopicReader.awaitMatching(
            bootstrap,
            topic.name(),
            r ->
                topic
                    .valueSerde()
                    .deserializer()
                    .deserialize(topic.name(), r.value())
                    .getExecutionArn()
                    .equals(execution),
            1,
            Duration.ofSeconds(10),
            Duration.ZERO);
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static void redeliver(ConsumerRecord<String, byte[]> request) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  request.topic(),
                  request.partition(),
                  request.key(),
                  request.value(),
                  request.headers()))
          .get();
    }
  }
}
