package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Measures, in headless Chromium, what the issue asks to report rather than assert: how long the
 * graph of a 200-state definition takes to draw, and how a history of 25,000 events (AWS's limit)
 * loads and pages, with the longest the page's thread stayed busy meanwhile. The figures are
 * printed and written to {@code target/console-performance.md}.
 */
class ConsolePerformanceIT {

  private static final String PASSWORD = "tester-password";

  /** A loop of a Pass and a Choice run this many times records 4 events a turn, 24,996 in all. */
  private static final int TURNS = 6248;

  private static final Path REPORT = Path.of("target", "console-performance.md");

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of("ORCHESTRATOR_CONSOLE_USERS", "tester:" + PASSWORD));

  private static ConsoleBrowser console;
  private static OrchestratorFixture orchestrator;
  private static final StringBuilder report =
      new StringBuilder("# Console performance (headless Chromium)\n\n");

  @BeforeAll
  static void start(OrchestratorFixture running) {
    orchestrator = running;
    console = ConsoleBrowser.start(running.apiUri());
  }

  @AfterAll
  static void stop() throws IOException {
    if (console != null) {
      console.close();
    }
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, report);
    System.out.println(report);
  }

  @Test
  void shouldReportTheTimeToDrawTheGraphWhenTheDefinitionHas200States() {
    // given
    String machine = orchestrator.createMachine("two-hundred", twoHundredStates());
    console.signIn("tester", PASSWORD);

    // when: the first drawing loads the layout library too; the second runs warm
    console.openStateMachine(machine);
    double first = lastMeasure("console:graph");
    console.driver().findElement(By.linkText("State machines")).click();
    console
        .waiting()
        .until(ExpectedConditions.elementToBeClickable(By.partialLinkText("two-hundred")))
        .click();
    console.waiting().until(d -> measures("console:graph").size() == 2);
    double second = lastMeasure("console:graph");

    // then
    assertThat(console.driver().findElements(By.cssSelector("svg.canvas g.state"))).hasSize(200);
    console.screenshot("performance-200-states");
    report
        .append("## Graph of a 200-state definition\n\n")
        .append(row("first drawing (layout library loaded)", first))
        .append(row("second drawing", second))
        .append('\n');
  }

  @Test
  void shouldReportLoadingAndPagingTimesWhenTheHistoryHas25000Events() {
    // given
    String machine =
        orchestrator.createMachine(
            "many-events",
            ("{\"StartAt\": \"Count\", \"States\": {"
                    + "\"Count\": {\"Type\": \"Pass\", \"Parameters\":"
                    + " {\"n.$\": \"States.MathAdd($.n, 1)\"}, \"Next\": \"More\"},"
                    + " \"More\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\","
                    + " \"NumericLessThan\": %d, \"Next\": \"Count\"}], \"Default\": \"Done\"},"
                    + " \"Done\": {\"Type\": \"Succeed\"}}}")
                .formatted(TURNS));
    long started = System.nanoTime();
    String execution =
        orchestrator
            .sfn()
            .startExecution(b -> b.stateMachineArn(machine).name("many").input("{\"n\": 0}"))
            .executionArn();
    DescribeExecutionResponse closed =
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> orchestrator.sfn().describeExecution(b -> b.executionArn(execution)),
                d -> d.status() != ExecutionStatus.RUNNING);
    double ranSeconds = (System.nanoTime() - started) / 1e9;
    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    console.signIn("tester", PASSWORD);
    console.open("executions");
    console.waiting().until(ExpectedConditions.elementToBeClickable(By.linkText("many")));
    watchTheThread();

    // when: the page is reached through the console's own link, so the watch keeps running
    console.driver().findElement(By.linkText("many")).click();
    console.awaitHistoryRead();
    double load = lastMeasure("console:history-load");
    double busyLoading = longestBusy();
    String loaded =
        console.driver().findElement(By.tagName("main")).getDomAttribute("data-history-loaded");
    console.driver().findElement(By.id("tab-history")).click();
    List<Double> pages = pageThroughEveryPage();
    console.driver().findElement(By.id("tab-timeline")).click();
    console.waiting().until(d -> !measures("console:timeline").isEmpty());
    double timeline = lastMeasure("console:timeline");
    double busyPaging = longestBusy();

    // then
    assertThat(Integer.parseInt(loaded)).isEqualTo(4 * TURNS + 4);
    assertThat(pages).hasSize(249);
    console.screenshot("performance-25000-events");
    report
        .append("## History of ")
        .append(loaded)
        .append(" events (a loop of a Pass and a Choice run ")
        .append(TURNS)
        .append(" times; the orchestrator ran it in ")
        .append(String.format(Locale.ROOT, "%.1f s", ranSeconds))
        .append(")\n\n")
        .append(row("page opened to every event read, tracked and shown", load))
        .append(row("longest the page's thread was busy meanwhile", busyLoading))
        .append(row("one page of 100 events shown, mean of 249", mean(pages)))
        .append(
            row(
                "one page of 100 events shown, slowest",
                pages.stream().mapToDouble(d -> d).max().orElse(0)))
        .append(row("timeline drawn (capped at 1,500 bars)", timeline))
        .append(row("longest the thread was busy paging and drawing it", busyPaging))
        .append('\n');
  }

  private static String twoHundredStates() {
    StringBuilder states = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      String name = String.format(Locale.ROOT, "S%03d", i);
      String next = String.format(Locale.ROOT, "S%03d", i + 1);
      String state;
      if (i == 200) {
        state = "{\"Type\": \"Succeed\"}";
      } else if (i % 10 == 0) {
        state =
            "{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.fast\", \"IsPresent\": true,"
                + " \"Next\": \""
                + String.format(Locale.ROOT, "S%03d", i + 2)
                + "\"}], \"Default\": \""
                + next
                + "\"}";
      } else {
        state = "{\"Type\": \"Pass\", \"Next\": \"" + next + "\"}";
      }
      states.append(i == 1 ? "" : ", ").append('"').append(name).append("\": ").append(state);
    }
    return "{\"StartAt\": \"S001\", \"States\": {" + states + "}}";
  }

  /** Starts recording, in the page, the longest time a 10 ms timer was late. */
  private static void watchTheThread() {
    script(
        "window.__busy = 0; let last = performance.now();"
            + " window.__watch = setInterval(() => { const now = performance.now();"
            + " window.__busy = Math.max(window.__busy, now - last - 10); last = now; }, 10);");
  }

  /** The longest the thread was busy since the last call, in milliseconds. */
  private static double longestBusy() {
    return ((Number) script("const busy = window.__busy; window.__busy = 0; return busy;"))
        .doubleValue();
  }

  /**
   * Clicks Next page until the last page, letting the page's thread go between clicks as a user's
   * clicks would, and answers each page's drawing time.
   */
  @SuppressWarnings("unchecked")
  private static List<Double> pageThroughEveryPage() {
    List<Number> durations =
        (List<Number>)
            ((JavascriptExecutor) console.driver())
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + " performance.clearMeasures('console:history-page');"
                        + " const next = document.querySelector(\"button[aria-label='Next page']\");"
                        + " const step = () => { if (next.disabled) { done(performance"
                        + ".getEntriesByName('console:history-page').map(e => e.duration)); }"
                        + " else { next.click(); setTimeout(step, 0); } };"
                        + " step();");
    return durations.stream().map(Number::doubleValue).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Number> measures(String name) {
    return (List<Number>)
        script("return performance.getEntriesByName(arguments[0]).map(e => e.duration);", name);
  }

  private static double lastMeasure(String name) {
    List<Number> found = measures(name);
    assertThat(found).as(name).isNotEmpty();
    return found.get(found.size() - 1).doubleValue();
  }

  private static Object script(String script, Object... arguments) {
    return ((JavascriptExecutor) console.driver()).executeScript(script, arguments);
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(d -> d).average().orElse(0);
  }

  private static String row(String what, double millis) {
    return String.format(Locale.ROOT, "- %s: %.0f ms%n", what, millis);
  }
}
