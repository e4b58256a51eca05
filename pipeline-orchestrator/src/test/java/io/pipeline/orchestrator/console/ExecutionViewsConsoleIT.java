package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * What the console shows of executions that ran, in headless Chromium: the lists (every machine's
 * and one machine's) with their filters, the event history table with a step's input and output, a
 * state's input and output from the graph, and the timeline.
 */
class ExecutionViewsConsoleIT {

  private static final String PASSWORD = "tester-password";

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of("ORCHESTRATOR_CONSOLE_USERS", "tester:" + PASSWORD));

  private static ShowcaseMachine showcase;
  private static ConsoleBrowser console;
  private static SfnClient sfn;
  private static String machine;
  private static String succeeded;
  private static String failed;

  @BeforeAll
  static void start(OrchestratorFixture orchestrator) {
    sfn = orchestrator.sfn();
    showcase = ShowcaseMachine.deploy(orchestrator, "views");
    machine = showcase.machineArn();
    succeeded = run(orchestrator, "nightly-load", "{\"mode\": \"work\", \"items\": [1, 2, 3]}");
    failed = run(orchestrator, "nightly-trouble", "{\"mode\": \"trouble\"}");
    console = ConsoleBrowser.start(orchestrator.apiUri());
  }

  private static String run(OrchestratorFixture orchestrator, String name, String input) {
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input(input)).executionArn();
    orchestrator.awaitClosed(execution);
    return execution;
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
  void shouldListOnlyTheExecutionsTheFiltersKeepWhenFilteredByStatusAndName() {
    // given
    console.signIn("tester", PASSWORD);
    console.open("executions");
    console.waiting().until(d -> rowNames().size() == 2);
    console.screenshot("executions");

    // when
    new org.openqa.selenium.support.ui.Select(console.driver().findElement(By.id("filter-status")))
        .selectByValue("FAILED");
    console.driver().findElement(By.id("filter-name")).sendKeys("NIGHTLY", Keys.ENTER);

    // then
    console.waiting().until(ExpectedConditions.urlContains("status=FAILED"));
    console.waiting().until(d -> rowNames().equals(List.of("nightly-trouble")));
    WebElement row = console.driver().findElement(By.cssSelector("tr[data-execution-arn]"));
    assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Failed");
    assertThat(
            console
                .driver()
                .findElement(By.cssSelector("table.executions-table caption"))
                .getText())
        .endsWith("newest first: 1 shown");

    // when
    row.findElement(By.linkText("nightly-trouble")).click();

    // then
    console.awaitHistoryRead();
    assertThat(console.driver().findElement(By.id("page-title")).getText())
        .isEqualTo("nightly-trouble");
  }

  @Test
  void shouldListTheMachinesExecutionsInItsTabWhenTheStateMachineIsOpened() {
    // given
    console.signIn("tester", PASSWORD);

    // when
    console.openStateMachine(machine);
    console.driver().findElement(By.id("tab-executions")).click();

    // then
    console.waiting().until(d -> rowNames().size() == 2);
    assertThat(rowNames()).containsExactlyInAnyOrder("nightly-load", "nightly-trouble");
    console.screenshot("state-machine-executions");
  }

  @Test
  void shouldShowAStepsInputAndOutputWhenItsHistoryRowIsExpandedWithTheKeyboard() {
    // given
    console.signIn("tester", PASSWORD);
    console.openExecution(succeeded);
    List<HistoryEvent> history = sfn.getExecutionHistory(b -> b.executionArn(succeeded)).events();
    HistoryEvent exited =
        history.stream()
            .filter(e -> e.typeAsString().equals("TaskStateExited"))
            .findFirst()
            .orElseThrow();

    // when
    console.driver().findElement(By.id("tab-history")).click();
    WebElement button =
        console.driver().findElement(By.cssSelector("tr#event-" + exited.id() + " button.expand"));
    ((JavascriptExecutor) console.driver()).executeScript("arguments[0].focus()", button);
    console.driver().switchTo().activeElement().sendKeys(Keys.ENTER);

    // then
    WebElement details =
        console
            .waiting()
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.id("event-" + exited.id() + "-details")));
    WebElement expanded = console.driver().switchTo().activeElement();
    assertThat(expanded.getDomAttribute("aria-expanded")).isEqualTo("true");
    assertThat(expanded.getDomAttribute("aria-controls"))
        .isEqualTo("event-" + exited.id() + "-details");
    assertThat(details.getText()).contains("Output", "\"worked\": true");
    assertThat(rowCount()).isEqualTo(history.size());
    assertThat(console.driver().findElement(By.cssSelector(".pager")).getText())
        .contains("Page 1 of 1: events 1–" + history.size() + " of " + history.size());
    console.screenshot("execution-history");
  }

  @Test
  void shouldShowTheInputAndOutputOfAStateWhenItIsClickedOnTheGraph() {
    // given
    console.signIn("tester", PASSWORD);
    console.openExecution(succeeded);

    // when
    console
        .driver()
        .findElement(By.cssSelector("svg.canvas g[data-node-id='" + ShowcaseMachine.STORE + "']"))
        .click();

    // then
    WebElement panel =
        console
            .waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("state-panel")));
    List<WebElement> json = panel.findElements(By.cssSelector(".state-visit pre.json"));
    assertThat(json).hasSize(2);
    assertThat(json.get(0).getDomAttribute("aria-label")).isEqualTo("Input of Store");
    assertThat(json.get(0).getText()).contains("\"op\": \"store\"", "\"n\": 3");
    assertThat(json.get(1).getText()).isEqualTo("6");
    assertThat(panel.findElement(By.id("state-visit")).getDomProperty("value")).isEqualTo("3");
    console.screenshot("execution-state");

    // when
    panel.findElement(By.cssSelector("button[aria-label='Previous visit']")).click();

    // then
    assertThat(panel.findElements(By.cssSelector(".state-visit pre.json")).get(1).getText())
        .isEqualTo("4");
  }

  @Test
  void shouldDrawABarPerStateVisitAndIterationWithItsTimesWhenTheTimelineIsShown() {
    // given
    console.signIn("tester", PASSWORD);
    console.openExecution(succeeded);

    // when
    console.driver().findElement(By.id("tab-timeline")).click();

    // then
    List<WebElement> rows =
        console
            .waiting()
            .until(
                ExpectedConditions.presenceOfAllElementsLocatedBy(
                    By.cssSelector("svg.timeline-svg .timeline-row")));
    List<String> labels =
        rows.stream().map(r -> r.findElement(By.cssSelector(".row-label")).getText()).toList();
    assertThat(labels)
        .containsExactly(
            "Route", "Work", "Fan", "Left", "Right", "Each", "Each #0", "Each #1", "Each #2",
            "Store", "Done");
    assertThat(rows.get(9).findElements(By.cssSelector(".bar.status-succeeded"))).hasSize(3);

    // when
    WebElement first = console.driver().findElement(By.cssSelector(".bar[tabindex='0']"));
    ((JavascriptExecutor) console.driver()).executeScript("arguments[0].focus()", first);
    console.driver().switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);

    // then
    WebElement tip = console.driver().findElement(By.id("timeline-tip"));
    console.waiting().until(d -> tip.isDisplayed());
    assertThat(tip.getText()).startsWith("Work: Succeeded, from ").contains(", took ");
    console.screenshot("execution-timeline");
  }

  private static List<String> rowNames() {
    return console.driver().findElements(By.cssSelector("tr[data-execution-arn] th a")).stream()
        .map(WebElement::getText)
        .toList();
  }

  private static int rowCount() {
    return console
        .driver()
        .findElements(By.cssSelector("table.history-table tr[data-event-id]"))
        .size();
  }
}
