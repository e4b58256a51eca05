package io.pipeline.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Checks a Map state's {@code ItemProcessor.ProcessorConfig}. */
final class ProcessorConfigs {

  private static final Map<String, Set<String>> VALUES =
      Map.of(
          "Mode", Set.of("INLINE", "DISTRIBUTED"), "ExecutionType", Set.of("STANDARD", "EXPRESS"));

  private ProcessorConfigs() {}

  static void check(JsonNode config, String at, Findings findings) {
    if (!config.isObject()) {
      findings.error(DiagnosticCodes.NOT_AN_OBJECT, "ProcessorConfig must be a JSON object", at);
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldAt = Pointers.field(at, field.getKey());
      Set<String> allowed = VALUES.get(field.getKey());
      if (allowed == null) {
        findings.error(
            DiagnosticCodes.UNKNOWN_FIELD,
            "'" + field.getKey() + "' is not a field of ProcessorConfig",
            fieldAt);
      } else if (!field.getValue().isTextual() || !allowed.contains(field.getValue().textValue())) {
        findings.error(
            DiagnosticCodes.INVALID_VALUE,
            field.getKey()
                + " must be one of "
                + String.join(", ", allowed.stream().sorted().toList())
                + ", not "
                + field.getValue(),
            fieldAt);
      }
    }
  }
}
