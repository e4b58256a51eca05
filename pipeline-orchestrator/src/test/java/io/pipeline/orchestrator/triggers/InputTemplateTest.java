package io.pipeline.orchestrator.triggers;

import static io.pipeline.orchestrator.triggers.EventPatternTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class InputTemplateTest {

  @Test
  void shouldPassTheWholeEventWithoutATemplate() {
    JsonNode event = event("{'bucket': 'landing', 'key': 'a'}");

    assertThat(InputTemplate.wholeEvent().apply(event)).isEqualTo(new Rendered.Done<>(event));
    assertThat(InputTemplate.wholeEvent().json()).isEmpty();
  }

  @Test
  void shouldFillPathFieldsAndCopyTheRest() {
    InputTemplate template =
        InputTemplate.parse(
            event(
                "{'object': {'bucket.$': '$.bucket', 'key.$': '$.key'}, 'source': 'trigger',"
                    + " 'steps': [{'size.$': '$.size'}, 1], 'whole.$': '$'}"));

    Rendered<JsonNode> input =
        template.apply(event("{'bucket': 'landing', 'key': 'a', 'size': 3}"));

    assertThat(input)
        .isEqualTo(
            new Rendered.Done<>(
                event(
                    "{'object': {'bucket': 'landing', 'key': 'a'}, 'source': 'trigger',"
                        + " 'steps': [{'size': 3}, 1],"
                        + " 'whole': {'bucket': 'landing', 'key': 'a', 'size': 3}}")));
  }

  @Test
  void shouldGiveAnArrayForAPathThatNamesSeveralValues() {
    InputTemplate template = InputTemplate.parse(event("{'keys.$': '$.records[*].key'}"));

    Rendered<JsonNode> input = template.apply(event("{'records': [{'key': 'a'}, {'key': 'b'}]}"));

    assertThat(input).isEqualTo(new Rendered.Done<>(event("{'keys': ['a', 'b']}")));
  }

  @Test
  void shouldFailWhenTheEventLacksWhatAPathReads() {
    InputTemplate template = InputTemplate.parse(event("{'o': {'key.$': '$.key'}}"));

    Rendered<JsonNode> input = template.apply(event("{'bucket': 'landing'}"));

    assertThat(input)
        .isEqualTo(
            new Rendered.Failed<>("inputTemplate field 'key.$': the event has nothing at $.key"));
  }

  @Test
  void shouldNameTheFieldOfAMalformedTemplate() {
    assertThatThrownBy(() -> InputTemplate.parse(event("{'o': [{'key.$': 'key'}]}")))
        .hasMessageStartingWith("at /o/0/key.$: 'key' is not a JSONPath into the event");
    assertThatThrownBy(() -> InputTemplate.parse(event("{'key.$': 3}")))
        .hasMessageStartingWith("at /key.$: a field ending in .$ holds a JSONPath string");
    assertThatThrownBy(() -> InputTemplate.parse(event("{'id.$': '$$.Execution.Id'}")))
        .hasMessageContaining("a trigger has none");
  }
}
