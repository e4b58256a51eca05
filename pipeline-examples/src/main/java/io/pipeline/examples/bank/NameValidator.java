package io.pipeline.examples.bank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.client.worker.ActivityTask;
import io.pipeline.client.worker.TaskFailedException;
import io.pipeline.client.worker.TaskHandler;

/**
 * The name-validation service ({@value BankAccountOpening#VALIDATE_NAME}): takes {@code {"name":
 * ...}}, answers {@code {"name": <normalized>}} or fails with {@value BankErrors#INVALID_NAME}
 * naming every rule the name breaks ({@link NameRules}). It has no side effects.
 */
public final class NameValidator implements TaskHandler {

  @Override
  public JsonNode handle(ActivityTask task) throws TaskFailedException {
    Checked<String> name = NameRules.check(task.input().get("name"));
    if (!name.isValid()) {
      throw new TaskFailedException(BankErrors.INVALID_NAME, name.cause());
    }
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("name", name.value().orElseThrow());
    return output;
  }
}
