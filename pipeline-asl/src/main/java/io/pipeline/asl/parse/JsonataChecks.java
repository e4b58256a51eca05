package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.asl.jsonata.JsonataEvaluator;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks the JSONata templates of JSONata-mode states: a string that opens with <code>{%</code>
 * must close with <code>%}</code> and hold an expression. The expressions themselves are not
 * compiled here.
 */
final class JsonataChecks {

  private static final String OPEN = "{%";
  private static final String CLOSE = "%}";

  private final Findings findings;

  JsonataChecks(Findings findings) {
    this.findings = findings;
  }

  /** Checks every string in a value, at any depth. */
  void templates(JsonNode value, String at) {
    if (value.isTextual()) {
      template(value.textValue(), at);
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        templates(value.get(i), Pointers.index(at, i));
      }
    } else if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        templates(field.getValue(), Pointers.field(at, field.getKey()));
      }
    }
  }

  /** Checks a field, if present, that must hold a JSONata template or a boolean: Condition. */
  void condition(JsonNode owner, String field, String ownerAt) {
    JsonNode value = owner.get(field);
    if (value == null || value.isBoolean()) {
      return;
    }
    String at = Pointers.field(ownerAt, field);
    if (!value.isTextual() || !value.textValue().startsWith(OPEN)) {
      findings.error(
          DiagnosticCodes.INVALID_JSONATA_TEMPLATE,
          field + " must be a JSONata template such as {% $states.input.ok %}",
          at);
      return;
    }
    template(value.textValue(), at);
  }

  private void template(String text, String at) {
    if (!text.startsWith(OPEN)) {
      return;
    }
    if (!text.endsWith(CLOSE) || text.length() < OPEN.length() + CLOSE.length()) {
      findings.error(
          DiagnosticCodes.INVALID_JSONATA_TEMPLATE,
          "a JSONata template opens with {% and must close with %}: " + text,
          at);
    } else if (text.substring(OPEN.length(), text.length() - CLOSE.length()).isBlank()) {
      findings.error(
          DiagnosticCodes.INVALID_JSONATA_TEMPLATE, "the JSONata template holds no expression", at);
    } else {
      // AWS compiles every expression when the state machine is created.
      String expression = text.substring(OPEN.length(), text.length() - CLOSE.length()).strip();
      JsonataEvaluator.syntaxError(expression)
          .ifPresent(
              problem ->
                  findings.error(
                      DiagnosticCodes.INVALID_JSONATA,
                      "the JSONata expression '" + expression + "' does not compile: " + problem,
                      at));
    }
  }
}
