package io.pipeline.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.asl.parse.ParseResult;
import io.pipeline.examples.bank.BankAccountOpening;
import io.pipeline.examples.security.IncidentResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both examples' definitions pass the engine's parser and call exactly their activities. */
class ExampleDefinitionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<ExampleWorkflow> workflows() {
    return Stream.of(BankAccountOpening.WORKFLOW, IncidentResponse.WORKFLOW);
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void shouldParseWithoutAnyDiagnosticWhenTheEngineReadsTheDefinition(ExampleWorkflow workflow) {
    ParseResult parsed = DefinitionParser.parse(workflow.definition());

    assertThat(parsed.diagnostics()).isEmpty();
    assertThat(parsed.isValid()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("workflows")
  void shouldCallExactlyTheWorkflowsActivitiesWhenItsTasksNameActivities(ExampleWorkflow workflow)
      throws Exception {
    List<String> resources = new ArrayList<>();
    collectResources(JSON.readTree(workflow.definition()), resources);

    assertThat(
            new TreeSet<>(
                resources.stream()
                    .filter(r -> r.startsWith(ExampleWorkflow.ACTIVITY_ARN_PREFIX))
                    .toList()))
        .containsExactlyElementsOf(
            new TreeSet<>(
                workflow.activities().stream().map(ExampleWorkflow::activityArn).toList()));
  }

  private static void collectResources(JsonNode node, List<String> resources) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                if (field.getKey().equals("Resource") && field.getValue().isTextual()) {
                  resources.add(field.getValue().asText());
                }
                collectResources(field.getValue(), resources);
              });
    } else if (node.isArray()) {
      node.forEach(item -> collectResources(item, resources));
    }
  }
}
