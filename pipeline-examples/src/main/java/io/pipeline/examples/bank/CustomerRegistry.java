package io.pipeline.examples.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.examples.bank.CustomerReservations.Decision;
import io.pipeline.examples.bank.CustomerReservations.Keep;
import io.pipeline.examples.bank.CustomerReservations.Refuse;
import io.pipeline.examples.bank.CustomerReservations.Write;
import io.pipeline.examples.kafka.CompactedJsonStore;
import io.pipeline.examples.kafka.JsonTopics;
import io.pipeline.examples.kafka.StoreUnavailableException;
import java.time.Duration;
import java.util.Optional;

/**
 * The customer registry service: reserves a customer id for a validated name ({@value
 * BankAccountOpening#RESERVE_CUSTOMER}) and, as compensation, releases what an execution reserved
 * ({@value BankAccountOpening#RELEASE_CUSTOMER}), by the rules of {@link CustomerReservations}. Its
 * state is the compacted topic {@value BankAccountOpening#CUSTOMERS_TOPIC}, keyed by customer id.
 * Each decision and its write happen under one lock, so this instance never interleaves two; run
 * one instance (see {@link CompactedJsonStore}).
 */
public final class CustomerRegistry implements AutoCloseable {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  private final CompactedJsonStore customers;

  private CustomerRegistry(CompactedJsonStore customers) {
    this.customers = customers;
  }

  /** Opens the registry on its topic, which must exist, once it has read the topic. */
  public static CustomerRegistry open(KafkaSettings kafka) {
    return new CustomerRegistry(
        CompactedJsonStore.open(
            kafka,
            JsonTopics.compacted(BankAccountOpening.CUSTOMERS_TOPIC),
            "bank-customer-registry",
            WRITE_TIMEOUT));
  }

  /** The task of {@value BankAccountOpening#RESERVE_CUSTOMER}: {@code {customerId, name}}. */
  public JsonNode reserve(ActivityTask task) throws TaskFailedException {
    String customerId = task.input().path("customerId").asText("");
    String name = task.input().path("name").asText("");
    synchronized (this) {
      Decision decision =
          CustomerReservations.reserve(
              current(customerId), customerId, name, task.executionArn(), task.scheduledAt());
      if (decision instanceof Refuse refuse) {
        throw new TaskFailedException(refuse.error(), refuse.cause());
      }
      CustomerRecord record = apply(customerId, decision).orElseThrow();
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      output.put("customerId", customerId);
      output.put("reservedBy", record.execution());
      return output;
    }
  }

  /** The task of {@value BankAccountOpening#RELEASE_CUSTOMER}: {@code {customerId, reason}}. */
  public JsonNode release(ActivityTask task) throws TaskFailedException {
    String customerId = task.input().path("customerId").asText("");
    String reason = task.input().path("reason").asText("unknown");
    synchronized (this) {
      Optional<CustomerRecord> before = current(customerId);
      Decision decision =
          CustomerReservations.release(
              before, customerId, task.executionArn(), reason, task.scheduledAt());
      apply(customerId, decision);
      ObjectNode output = JsonNodeFactory.instance.objectNode();
      output.put("customerId", customerId);
      output.put(
          "released",
          decision instanceof Write
              && before.filter(b -> b.reservedBy(task.executionArn())).isPresent());
      return output;
    }
  }

  private Optional<CustomerRecord> current(String customerId) {
    return customers.get(customerId).map(CustomerRecord::fromJson);
  }

  /** Carries a write or keep decision out; gives the entry as it then stands. */
  private Optional<CustomerRecord> apply(String customerId, Decision decision)
      throws TaskFailedException {
    if (decision instanceof Write write) {
      try {
        customers.put(customerId, write.record().toJson());
      } catch (StoreUnavailableException e) {
        throw new TaskFailedException(BankErrors.UNAVAILABLE, e.getMessage());
      }
      return Optional.of(write.record());
    }
    return ((Keep) decision).record();
  }

  @Override
  public void close() {
    customers.close();
  }
}
