package io.pipeline.examples.bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.client.worker.TaskHandler;
import io.pipeline.common.kafka.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The account service ({@value BankAccountOpening#CREATE_ACCOUNT}): takes {@code {customerId, name,
 * address}} and opens the customer's current account, a record of {@value
 * BankAccountOpening#ACCOUNTS_TOPIC} keyed by its {@linkplain AccountIds deterministic id}, opened
 * at the time the task was scheduled: a redelivered task writes the very same record again, which
 * compaction folds into one. Customers on the service's block list are refused with {@value
 * BankErrors#CUSTOMER_BLOCKED} (a rule the core banking system applies at opening, which is what
 * makes the workflow's compensation run); a write Kafka does not take in time fails with {@value
 * BankErrors#UNAVAILABLE}, which the workflow retries.
 */
public final class AccountService implements TaskHandler, AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final Set<String> blockedCustomers;
  private final KafkaProducer<String, String> producer;

  /**
   * @param kafka where the accounts topic is
   * @param blockedCustomers customer ids the service refuses
   */
  public AccountService(KafkaSettings kafka, Set<String> blockedCustomers) {
    this.blockedCustomers = Set.copyOf(blockedCustomers);
    this.producer =
        new KafkaProducer<>(
            kafka.reliableProducerConfig("bank-account-service", Map.of()),
            new StringSerializer(),
            new StringSerializer());
  }

  @Override
  public JsonNode handle(ActivityTask task) throws TaskFailedException {
    JsonNode input = task.input();
    String customerId = input.path("customerId").asText("");
    if (!CustomerReservations.validCustomerId(customerId)) {
      throw new TaskFailedException(
          BankErrors.INVALID_CUSTOMER_ID, "the customer id '" + customerId + "' is not valid");
    }
    if (blockedCustomers.contains(customerId)) {
      throw new TaskFailedException(
          BankErrors.CUSTOMER_BLOCKED,
          "customer " + customerId + " is on the bank's block list: no account is opened");
    }
    String accountId = AccountIds.forCustomer(customerId);
    ObjectNode account = JSON.createObjectNode();
    account.put("accountId", accountId);
    account.put("customerId", customerId);
    account.set("holder", input.get("name"));
    account.set("address", input.get("address"));
    account.put("product", "CURRENT");
    account.put("status", "OPEN");
    account.put("openedAt", task.scheduledAt().toString());
    write(accountId, account);
    ObjectNode output = JSON.createObjectNode();
    output.put("accountId", accountId);
    output.put("status", "OPEN");
    output.put("openedAt", task.scheduledAt().toString());
    return output;
  }

  private void write(String accountId, ObjectNode account) throws TaskFailedException {
    try {
      producer
          .send(
              new ProducerRecord<>(
                  BankAccountOpening.ACCOUNTS_TOPIC, accountId, JSON.writeValueAsString(account)))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaskFailedException(BankErrors.UNAVAILABLE, "interrupted while opening");
    } catch (ExecutionException | TimeoutException e) {
      throw new TaskFailedException(
          BankErrors.UNAVAILABLE, "the accounts topic did not take the account: " + e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an account is always JSON", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
