package io.pipeline.examples.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer id's entry in the registry ({@value BankAccountOpening#CUSTOMERS_TOPIC}).
 *
 * @param customerId the customer id, the record's key
 * @param name the name it is reserved for; empty for a release that found no reservation
 * @param status reserved or released
 * @param execution the execution that reserved or released it
 * @param updatedAt when that execution's task was scheduled
 * @param reason why it was released
 */
public record CustomerRecord(
    String customerId,
    Optional<String> name,
    Status status,
    String execution,
    Instant updatedAt,
    Optional<String> reason) {

  /** Where a customer id stands. */
  public enum Status {
    /** Reserved for a name by an execution: it stays so once the account is open. */
    RESERVED,
    /** Released by an execution that could not open the account; free for a new reservation. */
    RELEASED
  }

  public CustomerRecord {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether this execution holds the reservation. */
  public boolean reservedBy(String executionArn) {
    return status == Status.RESERVED && execution.equals(executionArn);
  }

  /** The record as the registry's topic holds it. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("customerId", customerId);
    name.ifPresent(n -> json.put("name", n));
    json.put("status", status.name());
    json.put("execution", execution);
    json.put("updatedAt", updatedAt.toString());
    reason.ifPresent(r -> json.put("reason", r));
    return json;
  }

  /** A record read from the registry's topic. */
  public static CustomerRecord fromJson(JsonNode json) {
    return new CustomerRecord(
        json.path("customerId").asText(),
        Optional.ofNullable(json.get("name")).map(JsonNode::asText),
        Status.valueOf(json.path("status").asText()),
        json.path("execution").asText(),
        Instant.parse(json.path("updatedAt").asText()),
        Optional.ofNullable(json.get("reason")).map(JsonNode::asText));
  }
}
