package io.pipeline.asl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever a definition holds, parsing and validating it give diagnostics and never throw; every
 * diagnostic points into the definition.
 */
class DefinitionRobustnessTest {

  @Property(tries = 1000)
  void shouldReturnDiagnosticsWhenValidatingRandomJson(@ForAll("randomJson") JsonNode definition) {
    // when
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);

    // then
    assertWellFormed(diagnostics, definition);
  }

  @Property(tries = 1000)
  void shouldReturnDiagnosticsWhenValidatingMutatedDefinition(
      @ForAll("mutatedDefinitions") JsonNode definition) {
    // when
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);

    // then
    assertWellFormed(diagnostics, definition);
  }

  @Property(tries = 1000)
  void shouldFindAnErrorWhenParserFindsOneInMutatedDefinition(
      @ForAll("mutatedDefinitions") JsonNode definition) {
    // when
    ParseResult parsed = DefinitionParser.parse(definition.toString());
    List<Diagnostic> validated = DefinitionValidator.validate(definition);

    // then
    assertThat(parsed.isValid() || hasError(parsed.diagnostics()))
        .as("an invalid parse says why")
        .isTrue();
    if (hasError(parsed.diagnostics())) {
      assertThat(hasError(validated))
          .as("the validator also rejects what the parser rejects: %s", parsed.diagnostics())
          .isTrue();
    }
  }

  @Property(tries = 1000)
  void shouldReturnResultWhenParsingMutatedText(@ForAll("mutatedTexts") String text) {
    // when
    ParseResult parsed = DefinitionParser.parse(text);

    // then
    assertThat(parsed.isValid() || hasError(parsed.diagnostics())).isTrue();
  }

  @Property(tries = 500)
  void shouldReturnResultWhenParsingRandomText(@ForAll("randomText") String text) {
    // when
    ParseResult parsed = DefinitionParser.parse(text);

    // then
    assertThat(parsed.isValid() || hasError(parsed.diagnostics())).isTrue();
  }

  /**
   * Only the validator: {@code DefinitionParser.parse} overflows the stack on a choice rule whose
   * path nests a few thousand levels deep (a bug of the path parser it calls, reported apart).
   */
  @Property(tries = 100)
  void shouldReturnDiagnosticsWhenExpressionsNestDeeply(
      @ForAll("mutatedDefinitions") JsonNode definition,
      @ForAll @IntRange(min = 1, max = 6000) int depth,
      @ForAll boolean intrinsic) {
    // given
    String expression =
        intrinsic
            ? "States.Array(".repeat(depth) + ")".repeat(depth)
            : "$" + "[?(".repeat(depth) + "@.a" + ")]".repeat(depth);
    DefinitionArbitraries.replaceExpressions(definition, expression);

    // when
    List<Diagnostic> diagnostics = DefinitionValidator.validate(definition);

    // then
    assertWellFormed(diagnostics, definition);
  }

  @Provide
  Arbitrary<JsonNode> randomJson() {
    return DefinitionArbitraries.json(4);
  }

  @Provide
  Arbitrary<JsonNode> mutatedDefinitions() {
    return DefinitionArbitraries.mutatedDefinitions();
  }

  @Provide
  Arbitrary<String> mutatedTexts() {
    return DefinitionArbitraries.mutatedTexts();
  }

  @Provide
  Arbitrary<String> randomText() {
    return DefinitionArbitraries.json(3).map(JsonNode::toString).injectNull(0.0);
  }

  private static boolean hasError(List<Diagnostic> diagnostics) {
    return diagnostics.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  /** Each diagnostic has a code and a message, and points at a node or at a missing field. */
  private static void assertWellFormed(List<Diagnostic> diagnostics, JsonNode definition) {
    assertThat(diagnostics)
        .allSatisfy(
            d -> {
              assertThat(d.severity()).isNotNull();
              assertThat(d.code()).isNotBlank();
              assertThat(d.message()).isNotBlank();
              String location = d.location();
              assertThat(location.isEmpty() || location.startsWith("/")).isTrue();
              String parent =
                  location.isEmpty() ? "" : location.substring(0, location.lastIndexOf('/'));
              boolean found =
                  !definition.at(JsonPointer.compile(location)).isMissingNode()
                      || !definition.at(JsonPointer.compile(parent)).isMissingNode();
              assertThat(found).as("%s points into the definition", d).isTrue();
            });
  }
}
