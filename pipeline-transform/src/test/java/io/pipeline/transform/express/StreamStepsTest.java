package io.pipeline.transform.express;

import static io.pipeline.transform.express.ExpressStepsFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.common.config.ConfigException;
import io.pipeline.schemas.topic.PipelineTopics;
import io.pipeline.transform.streams.ProcessingGuarantee;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps files: read, every definition validated, every problem reported at once. */
class StreamStepsTest {

  @Test
  void shouldReadEveryStepWithItsDefaultsAndItsDefinitionFromAFileOrInline() {
    // given
    Path file = resource("steps.json");

    // when
    List<ExpressStep> steps = StreamSteps.load(file);

    // then
    assertThat(steps)
        .extracting(s -> s.step().name())
        .containsExactly(
            "normalize-orders",
            "convert-readings",
            "order-lines",
            "check-payment",
            "retry-parallel",
            "tag-inline");
    StreamStep orders = steps.get(0).step();
    assertThat(orders.source()).isEqualTo("orders.raw");
    assertThat(orders.sink()).isEqualTo("orders.normalized");
    assertThat(orders.deadLetters()).isEqualTo(PipelineTopics.TRANSFORM_DEAD_LETTERS);
    assertThat(orders.processingGuarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
    assertThat(orders.definitionSource())
        .isEqualTo(resource("definitions/normalize-orders.asl.json").toString());
    assertThat(steps.get(0).machine().startAt()).isEqualTo("Normalize");
    assertThat(steps.get(1).step().processingGuarantee())
        .isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
    assertThat(steps.get(1).step().processingGuarantee().config()).isEqualTo("exactly_once_v2");
    assertThat(steps.get(3).step().deadLetters()).isEqualTo("orders.unpaid");
    ExpressStep inline = steps.get(5);
    assertThat(inline.machine().startAt()).isEqualTo("Tag");
    assertThat(inline.step().definitionSource()).contains("steps.json", "steps[5].definition");
  }

  @Test
  void shouldRefuseTaskAndWaitStatesNamingTheStepTheFileAndTheState() {
    // when
    String message = problems("refused-steps.json");

    // then
    String file = resource("definitions/lookup-customer.asl.json").toString();
    assertThat(message)
        .contains(
            "step 'lookup-customer', definition "
                + file
                + ", state 'Lookup' at /States/Lookup: a Task state calls a service outside the"
                + " engine ('arn:aws:states:::http:invoke')")
        .contains(
            "step 'lookup-customer', definition "
                + file
                + ", state 'Pause' at /States/Pause: a Wait state needs a timer");
  }

  @Test
  void shouldRefuseTasksNestedInAParallelBranchAndInAMapItemProcessor() {
    // when
    String message = problems("refused-steps.json");

    // then
    String file = resource("definitions/nested-tasks.asl.json").toString();
    assertThat(message)
        .contains(
            "step 'nested-tasks', definition "
                + file
                + ", state 'Notify' at /States/Fan/Branches/1/States/Notify: a Task state")
        .contains(
            "step 'nested-tasks', definition "
                + file
                + ", state 'Store' at /States/Each/ItemProcessor/States/Store: a Task state");
    assertThat(message).doesNotContain("state 'Echo'");
  }

  @Test
  void shouldRefuseADistributedMapItsItemReaderAndItsResultWriter() {
    // when
    String message = problems("refused-steps.json");

    // then
    String where =
        "step 'distributed-map', definition "
            + resource("definitions/distributed-map.asl.json")
            + ", state 'Objects' at /States/Objects/";
    assertThat(message)
        .contains(where + "ItemProcessor/ProcessorConfig: a Map state in DISTRIBUTED mode")
        .contains(where + "ItemReader: a Map state's ItemReader")
        .contains(where + "ResultWriter: a Map state's ResultWriter");
  }

  @Test
  void shouldReportTheEnginesDiagnosticsOfADefinitionThatIsNotValidAsl() {
    // when
    String message = problems("refused-steps.json");

    // then
    String where = "step 'broken', definition " + resource("definitions/broken.asl.json");
    assertThat(message)
        .contains(where + ", at /States/First/Next: MISSING_TRANSITION_TARGET")
        .contains(where + ", at /States/Pick");
  }

  @Test
  void shouldReportEveryRefusedStepAtOnceInOneConfigException() {
    // when
    String message = problems("refused-steps.json");

    // then
    assertThat(message)
        .startsWith("The steps file " + resource("refused-steps.json") + " has ")
        .contains("'lookup-customer'", "'nested-tasks'", "'distributed-map'", "'broken'")
        .contains(
            "step 'broken-inline', definition "
                + resource("refused-steps.json")
                + " (steps[4].definition, inline), state 'Only' at /States/Only: a Wait state");
  }

  @Test
  void shouldReportEveryMistakeOfTheStepsFileWithTheStepAndTheProperty() {
    // when
    String message = problems("broken-steps.json");

    // then
    assertThat(message)
        .contains("step 'no-source' (steps[0]): 'source' is required")
        .contains(
            "step 'twice' (steps[2]): the name is already used by steps[1]; names must be unique")
        .contains(
            "step 'guarantee' (steps[3]): 'processingGuarantee' must be at_least_once or"
                + " exactly_once_v2, not 'exactly_once'")
        .contains(
            "step 'missing-file' (steps[4]): cannot read the definition file "
                + resource("definitions").resolve("no-such.asl.json")
                + ": no such file")
        .contains("step 'bad name!' (steps[5]): 'name' must match [A-Za-z0-9._-]+")
        .contains("step 'loop' (steps[6]): 'sink' must differ from 'source'")
        .contains("step 'typo' (steps[7]): unknown property 'sinc'")
        .contains("step 'typo' (steps[7]): 'sink' is required");
    assertThat(message).doesNotContain("steps[1])");
  }

  @Test
  void shouldSayWhereAStepsFileIsNotJson() {
    // when / then
    assertThatThrownBy(() -> StreamSteps.load(resource("not-json-steps.json")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "The steps file " + resource("not-json-steps.json") + " is not valid JSON")
        .hasMessageContaining("line 3");
  }

  @Test
  void shouldSayWhenTheStepsFileCannotBeRead() {
    // given
    Path missing = resource("steps.json").resolveSibling("no-such-steps.json");

    // when / then
    assertThatThrownBy(() -> StreamSteps.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage("The steps file " + missing + " cannot be read: no such file");
  }

  @Test
  void shouldValidateAStepBuiltInCodeAsItsFileWould() {
    // given
    StreamStep step =
        new StreamStep(
            "in-code",
            "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 1,"
                + " \"End\": true}}}",
            "in-code.asl.json",
            "a",
            "b",
            PipelineTopics.TRANSFORM_DEAD_LETTERS,
            ProcessingGuarantee.AT_LEAST_ONCE);

    // when / then
    assertThatThrownBy(() -> ExpressStepDefinitions.validate(step))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "step 'in-code', definition in-code.asl.json, state 'W' at /States/W: a Wait state");
  }

  private static String problems(String stepsFile) {
    Throwable thrown = null;
    try {
      StreamSteps.load(resource(stepsFile));
    } catch (ConfigException e) {
      thrown = e;
    }
    assertThat(thrown).as("the steps file %s is refused", stepsFile).isNotNull();
    return thrown.getMessage();
  }
}
