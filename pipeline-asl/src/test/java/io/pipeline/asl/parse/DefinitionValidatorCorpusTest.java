package io.pipeline.asl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every definition of the recorded AWS executions in {@code ../shared/conformance} was accepted by
 * AWS's CreateStateMachine, so the validator must find no error in any of them. Where the corpus is
 * absent (a clone elsewhere), there is nothing to check.
 */
class DefinitionValidatorCorpusTest {

  private static final Path SHARED = Path.of("../../shared/conformance/asl-localstack.jsonl");
  private static final Path OWN = Path.of("src/test/resources/conformance/own-cases.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldFindNoErrorWhenAwsAcceptedTheDefinition() throws IOException {
    // given: AWS's recordings where present, else the project's own cases
    Path corpus = Files.exists(SHARED) ? SHARED : OWN;
    List<String> errors = new ArrayList<>();

    // when
    try (BufferedReader lines = Files.newBufferedReader(corpus)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode recorded = JSON.readTree(line);
        DefinitionValidator.validate(recorded.get("definition")).stream()
            .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
            .forEach(d -> errors.add(recorded.get("id").asText() + ": " + d));
      }
    }

    // then
    assertThat(errors).isEmpty();
  }
}
