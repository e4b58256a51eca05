package io.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.cli.demo.DemoContext;
import io.pipeline.localstack.Ports;
import io.pipeline.localstack.process.ChildJvm;
import io.pipeline.localstack.s3.EmbeddedS3Server;
import io.pipeline.localstack.s3.S3Endpoint;
import io.pipeline.orchestrator.console.ConsoleBrowser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The issue's own scenario, in headless Chromium against {@code ./pipeline up} in a child JVM with
 * the batch ETL workers on: the demo's {@code s3-batch-etl} state machine deployed from {@code
 * examples/} as its README says, an execution started from the console with the JSON editor, its
 * states turning green as the workers load the sample CSV, and a step's input and output opened.
 */
class EtlConsoleIT {

  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final Path EXAMPLE = Path.of("..", "examples", "s3-batch-etl");
  private static final String ACTIVITIES = "arn:aws:states:us-east-1:000000000000:activity:";

  /** The states an object loaded as CSV goes through, by node id. */
  private static final List<String> LOADED =
      List.of(
          "/States/Validate",
          "/States/Route",
          "/States/TransformCsv",
          "/States/Catalog",
          "/States/ReportLoaded");

  @TempDir Path dir;

  @Test
  void shouldTurnTheEtlStatesGreenWhenAnExecutionStartedFromTheConsoleLoadsTheSample()
      throws Exception {
    // given: the stack, the ETL's activities and state machine, the sample where the workers read
    int apiPort = Ports.free();
    int s3Port = Ports.free();
    try (ChildJvm up = startUp(apiPort, s3Port);
        SfnClient sfn =
            DemoContext.sfnClient(URI.create("http://localhost:" + apiPort), "us-east-1");
        S3Client s3 = s3(s3Port).newClient()) {
      assertThat(up.awaitOutput("Pipeline is ready", STARTUP)).as(up.output()).isTrue();
      for (String activity : List.of("etl-validate", "etl-transform", "etl-catalog")) {
        sfn.createActivity(b -> b.name(activity));
      }
      String definition = Files.readString(EXAMPLE.resolve("etl.asl.json"));
      String machine =
          sfn.createStateMachine(
                  b -> b.name("s3-batch-etl").roleArn(DemoContext.ROLE).definition(definition))
              .stateMachineArn();
      s3.putObject(
          b -> b.bucket("landing").key("console/orders.csv"),
          RequestBody.fromFile(EXAMPLE.resolve("orders.csv")));

      try (ConsoleBrowser console =
          ConsoleBrowser.start(URI.create("http://localhost:" + apiPort))) {
        console.signIn("pipeline", "pipeline-secret");
        console.openStateMachine(machine);

        // when
        String execution =
            console.startExecution(
                "from-the-console", "{\"bucket\": \"landing\", \"key\": \"console/orders.csv\"}");

        // then: the states turn green as the workers answer
        console.awaitExecutionStatus("SUCCEEDED");
        for (String state : LOADED) {
          console.awaitStatus(state, "succeeded");
        }
        assertThat(console.statuses())
            .containsEntry("/States/TransformJsonLines", "not-started")
            .containsEntry("/States/ReportFailure", "not-started")
            .containsEntry("/States/Failed", "not-started");
        assertThat(fillOf(console, "/States/ReportLoaded")).isEqualTo("rgb(220, 252, 231)");
        assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
            .isEqualTo(ExecutionStatus.SUCCEEDED);
        console.screenshot("etl-execution-succeeded");

        // when
        console
            .driver()
            .findElement(By.cssSelector("svg.canvas g[data-node-id='/States/TransformCsv']"))
            .click();

        // then
        WebElement panel =
            console
                .waiting()
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("state-panel")));
        List<WebElement> data = panel.findElements(By.cssSelector(".state-visit pre.json"));
        assertThat(data.get(0).getText()).contains("\"key\": \"console/orders.csv\"");
        assertThat(data.get(1).getText())
            .contains("\"good\": 4", "\"quarantined\": 2", "curated/console/orders.csv.avro");
        console.screenshot("etl-execution-transform");
      }
    }
  }

  private static String fillOf(ConsoleBrowser console, String nodeId) {
    return (String)
        ((JavascriptExecutor) console.driver())
            .executeScript(
                "return getComputedStyle(document.querySelector(`svg.canvas"
                    + " g[data-node-id='${arguments[0]}'] > .shape`)).fill",
                nodeId);
  }

  private ChildJvm startUp(int apiPort, int s3Port) {
    return UpJvm.start(
        dir.resolve("data"),
        new UpJvm.Ports(Ports.free(), s3Port, 0, 0, 0, apiPort),
        // The batch ETL workers run in the transform service once they have the rows' schema.
        Map.of("ETL_SCHEMA_FILE", EXAMPLE.resolve("orders.avsc").toAbsolutePath().toString()),
        dir.resolve("up.log"));
  }

  private static S3Endpoint s3(int port) {
    return new S3Endpoint(
        URI.create("http://localhost:" + port),
        EmbeddedS3Server.REGION,
        EmbeddedS3Server.ACCESS_KEY,
        EmbeddedS3Server.SECRET_KEY);
  }
}
