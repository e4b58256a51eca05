package io.pipeline.orchestrator.triggers;

import static io.pipeline.orchestrator.triggers.EventPatternTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExecutionNameTemplateTest {

  @Test
  void shouldPutEventValuesInThePlaceholders() {
    ExecutionNameTemplate template = ExecutionNameTemplate.parse("{$.bucket}-{$.detail.n}-end");

    Rendered<String> name =
        template.render("r", event("{'bucket': 'landing', 'detail': {'n': 7}}"));

    assertThat(name).isEqualTo(new Rendered.Done<>("landing-7-end"));
  }

  @Test
  void shouldPutObjectsInAsJsonAndMakeTheNameValid() {
    ExecutionNameTemplate template = ExecutionNameTemplate.parse("{$.tags}");

    Rendered<String> name = template.render("r", event("{'tags': ['a', 'b']}"));

    assertThat(((Rendered.Done<String>) name).value()).matches("_a_b_-[0-9a-f]{16}");
  }

  @Test
  void shouldFailWhenTheEventLacksAPlaceholdersValue() {
    ExecutionNameTemplate template = ExecutionNameTemplate.parse("{$.bucket}-{$.key}");

    Rendered<String> name = template.render("r", event("{'bucket': 'landing'}"));

    assertThat(name)
        .isEqualTo(new Rendered.Failed<>("executionName: the event has nothing at $.key"));
  }

  @Test
  void shouldNameByContentWhenNoTemplateIsGiven() {
    ExecutionNameTemplate template = ExecutionNameTemplate.byContent();

    Rendered<String> name = template.render("landing-csv", event("{'key': 'a'}"));

    assertThat(name)
        .isEqualTo(
            new Rendered.Done<>(ExecutionNames.byContent("landing-csv", event("{'key': 'a'}"))));
    assertThat(template.text()).isEmpty();
  }

  @Test
  void shouldRefuseMalformedTemplates() {
    assertThatThrownBy(() -> ExecutionNameTemplate.parse("{$.a"))
        .hasMessage("the placeholder at 0 has no '}'");
    assertThatThrownBy(() -> ExecutionNameTemplate.parse("a}{$.b}"))
        .hasMessage("'}' at 1 closes no placeholder");
    assertThatThrownBy(() -> ExecutionNameTemplate.parse("x-{bucket}"))
        .hasMessageStartingWith("placeholder at 2: 'bucket' is not a JSONPath");
    assertThatThrownBy(() -> ExecutionNameTemplate.parse("{$$.Execution.Id}"))
        .hasMessageContaining("a trigger has none");
    assertThatThrownBy(() -> ExecutionNameTemplate.parse("nightly"))
        .hasMessageContaining("every execution would have that one name");
  }
}
