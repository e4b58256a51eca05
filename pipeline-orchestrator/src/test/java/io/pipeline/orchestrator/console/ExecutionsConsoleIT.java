package io.pipeline.orchestrator.console;

import static io.pipeline.orchestrator.console.ShowcaseMachine.DONE;
import static io.pipeline.orchestrator.console.ShowcaseMachine.EACH;
import static io.pipeline.orchestrator.console.ShowcaseMachine.FAN;
import static io.pipeline.orchestrator.console.ShowcaseMachine.GIVE_UP;
import static io.pipeline.orchestrator.console.ShowcaseMachine.GUARD;
import static io.pipeline.orchestrator.console.ShowcaseMachine.LEFT;
import static io.pipeline.orchestrator.console.ShowcaseMachine.RIGHT;
import static io.pipeline.orchestrator.console.ShowcaseMachine.ROUTE;
import static io.pipeline.orchestrator.console.ShowcaseMachine.SHAKY;
import static io.pipeline.orchestrator.console.ShowcaseMachine.STORE;
import static io.pipeline.orchestrator.console.ShowcaseMachine.WORK;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Executions in the console, in headless Chromium against an orchestrator on a real broker, its
 * activity worked by the worker library: started from the console with the JSON editor and watched
 * live, failed, caught and retried states, Stop and Redrive. Screenshots go to {@code
 * target/console-screenshots/}.
 */
class ExecutionsConsoleIT {

  private static final String PASSWORD = "tester-password";

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of("ORCHESTRATOR_CONSOLE_USERS", "tester:" + PASSWORD));

  private static OrchestratorFixture orchestrator;
  private static ShowcaseMachine showcase;
  private static ConsoleBrowser console;
  private static SfnClient sfn;
  private static String machine;

  @BeforeAll
  static void start(OrchestratorFixture running) {
    orchestrator = running;
    sfn = orchestrator.sfn();
    showcase = ShowcaseMachine.deploy(orchestrator, "showcase");
    machine = showcase.machineArn();
    console = ConsoleBrowser.start(orchestrator.apiUri());
  }

  @AfterAll
  static void stop() {
    if (console != null) {
      console.close();
    }
    if (showcase != null) {
      showcase.close();
    }
  }

  @Test
  void shouldDisableStartAndSayWhereWhenTheInputIsNotJson() {
    // given
    console.signIn("tester", PASSWORD);
    console.openStateMachine(machine);
    WebElement dialog = console.openStartDialog();
    WebElement input = dialog.findElement(By.id("execution-input"));
    WebElement start = dialog.findElement(By.cssSelector("button[type='submit']"));

    // when
    console.type(input, "{\n  \"mode\": \"work\"\n  \"items\": []\n}");

    // then
    WebElement check = dialog.findElement(By.id("execution-input-check"));
    console.waiting().until(d -> !start.isEnabled());
    assertThat(check.getText())
        .isEqualTo(
            "Not valid JSON: line 3, column 3: expected ',' or '}' after a property value, found"
                + " '\"'.");
    assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
    console.screenshot("start-execution-invalid");

    // when
    console.type(input, "{\"mode\": \"work\", \"items\": []}");

    // then
    console.waiting().until(d -> start.isEnabled());
    assertThat(check.getText()).isEqualTo("Valid JSON.");
    dialog.findElement(By.xpath(".//button[normalize-space()='Cancel']")).click();
  }

  @Test
  void shouldTurnStatesSucceededLiveWhenStartedFromTheConsoleAndTheWorkerAnswers() {
    // given
    console.signIn("tester", PASSWORD);
    console.openStateMachine(machine);

    // when
    String execution =
        console.startExecution(
            "live", "{\"mode\": \"work\", \"hold\": true, \"items\": [1, 2, 3]}");

    // then: Work runs, held by the worker, while the page shows it
    console.awaitStatus(WORK, "in-progress");
    assertThat(console.statusOf(ROUTE)).isEqualTo("succeeded");
    assertThat(console.statusOf(FAN)).isEqualTo("not-started");
    console.awaitExecutionStatus("RUNNING");
    console.screenshot("execution-running");

    // when
    showcase.release(execution);

    // then: the page follows without a reload
    console.awaitExecutionStatus("SUCCEEDED");
    console.awaitStatus(DONE, "succeeded");
    assertThat(console.statuses())
        .containsEntry(ROUTE, "succeeded")
        .containsEntry(WORK, "succeeded")
        .containsEntry(FAN, "succeeded")
        .containsEntry(LEFT, "succeeded")
        .containsEntry(RIGHT, "succeeded")
        .containsEntry(EACH, "succeeded")
        .containsEntry(STORE, "succeeded")
        .containsEntry(SHAKY, "not-started")
        .containsEntry(GIVE_UP, "not-started");
    WebElement store = node(STORE);
    assertThat(store.getDomAttribute("aria-label")).contains("Succeeded (3 visits: 3 succeeded)");
    assertThat(sfn.describeExecution(b -> b.executionArn(execution)).status())
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    console.screenshot("execution-succeeded");
  }

  @Test
  void shouldShowRetriedCaughtAndFailedStatesWhenATaskFailsAndACatchLeadsToFail() {
    // given
    String execution =
        sfn.startExecution(
                b -> b.stateMachineArn(machine).name("trouble").input("{\"mode\": \"trouble\"}"))
            .executionArn();
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution);

    // when
    console.signIn("tester", PASSWORD);
    console.openExecution(execution);

    // then
    assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
    console.awaitExecutionStatus("FAILED");
    assertThat(console.statuses())
        .containsEntry(ROUTE, "succeeded")
        .containsEntry(SHAKY, "retried")
        .containsEntry(GUARD, "caught")
        .containsEntry(GIVE_UP, "failed")
        .containsEntry(WORK, "not-started");
    assertThat(node(SHAKY).findElements(By.cssSelector(".status-mark.status-retried"))).hasSize(1);
    assertThat(legendCount("retried")).isEqualTo("1");
    assertThat(legendCount("caught")).isEqualTo("1");
    assertThat(legendCount("failed")).isEqualTo("1");
    assertThat(console.driver().findElement(By.cssSelector(".failure-box")).getText())
        .contains("GaveUp", "Guard refused");
    console.screenshot("execution-failed-caught-retried");

    // when
    node(GUARD).click();

    // then
    WebElement panel =
        console
            .waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("state-panel")));
    assertThat(panel.findElement(By.cssSelector(".state-status")).getText()).startsWith("Caught");
    assertThat(panel.findElement(By.cssSelector("ul.failures")).getText())
        .contains("Custom.Fatal: the guard refuses (ActivityFailed, attempt 1)");
  }

  @Test
  void shouldStopWithErrorAndCauseAndRedriveWhenTheOperatorAsks() {
    // given
    String execution =
        sfn.startExecution(
                b ->
                    b.stateMachineArn(machine)
                        .name("stopped")
                        .input("{\"mode\": \"work\", \"hold\": true, \"items\": [1]}"))
            .executionArn();
    console.signIn("tester", PASSWORD);
    console.openExecution(execution);
    console.awaitStatus(WORK, "in-progress");

    // when
    clickButton("Stop");
    WebElement dialog =
        console
            .waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
    dialog.findElement(By.id("stop-error")).sendKeys("Operator.Stopped");
    dialog.findElement(By.id("stop-cause")).sendKeys("stopped by the test");
    console.screenshot("execution-stop");
    dialog.findElement(By.cssSelector("button[type='submit']")).click();

    // then
    console.awaitExecutionStatus("ABORTED");
    console.awaitStatus(WORK, "cancelled");
    DescribeExecutionResponse stopped = sfn.describeExecution(b -> b.executionArn(execution));
    assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(stopped.error()).isEqualTo("Operator.Stopped");
    assertThat(stopped.cause()).isEqualTo("stopped by the test");
    console.screenshot("execution-stopped");

    // when
    showcase.release(execution);
    clickButton("Redrive");
    console
        .waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")))
        .findElement(By.cssSelector("button[type='submit']"))
        .click();

    // then
    console.awaitExecutionStatus("SUCCEEDED");
    console.awaitStatus(DONE, "succeeded");
    assertThat(console.statusOf(WORK)).isEqualTo("succeeded");
  }

  private static WebElement node(String id) {
    return console.driver().findElement(By.cssSelector("svg.canvas g[data-node-id='" + id + "']"));
  }

  private static String legendCount(String status) {
    return console
        .driver()
        .findElement(By.cssSelector(".legend-item[data-status='" + status + "'] .count"))
        .getText();
  }

  private static void clickButton(String text) {
    console
        .waiting()
        .until(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//main//button[normalize-space()='" + text + "']")))
        .click();
  }
}
