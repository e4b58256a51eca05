package io.pipeline.examples.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.client.worker.TaskHandler;

/**
 * The address-validation service ({@value BankAccountOpening#VALIDATE_ADDRESS}): takes {@code
 * {"address": {...}}}, answers {@code {"address": <normalized>}} or fails with {@value
 * BankErrors#INVALID_ADDRESS} naming every rule the address breaks ({@link AddressRules}). It has
 * no side effects.
 */
public final class AddressValidator implements TaskHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public JsonNode handle(ActivityTask task) throws TaskFailedException {
    Checked<Address> address = AddressRules.check(task.input().get("address"));
    if (!address.isValid()) {
      throw new TaskFailedException(BankErrors.INVALID_ADDRESS, address.cause());
    }
    ObjectNode output = JSON.createObjectNode();
    output.set("address", JSON.valueToTree(address.value().orElseThrow()));
    return output;
  }
}
