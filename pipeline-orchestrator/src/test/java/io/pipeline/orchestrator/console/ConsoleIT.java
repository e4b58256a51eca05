package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import io.pipeline.orchestrator.Sfn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The console in headless Chromium against an orchestrator on a real broker: sign-in, the state
 * machines with their counts, and a definition with Choice, Parallel, Map and Catch drawn as a
 * graph whose nodes and edges (read from the SVG's data attributes) are checked against it. Each
 * page's screenshot goes to {@code target/console-screenshots/}.
 */
class ConsoleIT {

  private static final String PASSWORD = "tester-password";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of("ORCHESTRATOR_CONSOLE_USERS", "tester:" + PASSWORD));

  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static WebDriverWait wait;
  private static String console;
  private static String machineName;

  @BeforeAll
  static void start(OrchestratorFixture orchestrator) throws InterruptedException {
    SfnClient sfn = orchestrator.sfn();
    String activity = sfn.createActivity(b -> b.name("console-store")).activityArn();
    String machine = orchestrator.createMachine("console-order", OrderDefinition.json(activity));
    machineName = machine.substring(machine.lastIndexOf(':') + 1);
    String failed =
        Sfn.startUntilAccepted(sfn, machine, "refused", "{\"kind\": \"other\", \"count\": 1}");
    Sfn.startUntilAccepted(
        sfn, machine, "waiting", "{\"kind\": \"bulk\", \"count\": 20, \"items\": [{\"id\": 1}]}");
    assertThat(orchestrator.awaitClosed(failed).status()).isEqualTo(ExecutionStatus.FAILED);
    console = orchestrator.apiUri().resolve("/console/").toString();
    chromium = HeadlessChromium.start();
    browser = chromium.driver();
    wait = new WebDriverWait(browser, PATIENCE);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void shouldRefuseTheSignInWithAMessageWhenThePasswordIsWrong() {
    // given
    browser.manage().deleteAllCookies();
    browser.get(console);
    wait.until(ExpectedConditions.urlContains("/console/sign-in?next="));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("name")));
    chromium.screenshot("sign-in");

    // when
    wait.until(ExpectedConditions.elementToBeClickable(By.id("name"))).sendKeys("tester");
    browser.findElement(By.id("password")).sendKeys("not-the-password", Keys.ENTER);

    // then
    WebElement error =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
    wait.until(ExpectedConditions.textToBePresentInElement(error, "Wrong name or password"));
    assertThat(error.getDomAttribute("role")).isEqualTo("alert");
    assertThat(browser.findElement(By.id("password")).getDomAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(browser.getCurrentUrl()).contains("/console/sign-in");
    chromium.screenshot("sign-in-refused");
  }

  @Test
  void shouldListTheStateMachineWithItsTypeAndCountsWhenSignedIn() {
    // given
    signIn();

    // when
    browser.get(console + "state-machines");
    WebElement row = rowOf(machineName);

    // then
    wait.until(d -> !cell(row, "RUNNING").getText().equals("…"));
    wait.until(d -> !cell(row, "FAILED").getText().equals("…"));
    assertThat(row.findElements(By.tagName("td")).get(0).getText()).isEqualTo("Standard");
    assertThat(cell(row, "RUNNING").getText()).isEqualTo("1");
    assertThat(cell(row, "FAILED").getText()).isEqualTo("1");
    chromium.screenshot("state-machines");
  }

  @Test
  void shouldDrawEveryStateAndTransitionOfTheDefinitionWhenTheStateMachineIsOpened() {
    // given
    signIn();
    browser.get(console + "state-machines");

    // when
    rowOf(machineName).findElement(By.linkText(machineName)).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.canvas g.state")));

    // then
    assertThat(read("g[data-kind='state']", "nodeId", "stateType"))
        .containsExactlyInAnyOrderElementsOf(OrderDefinition.STATES);
    assertThat(read("g[data-kind='scope']", "nodeId"))
        .containsExactlyInAnyOrderElementsOf(OrderDefinition.SCOPES);
    assertThat(read("g.edge", "kind", "from", "to", "label"))
        .containsExactlyInAnyOrderElementsOf(OrderDefinition.EDGES);
    assertThat(read("g[data-kind='state']", "stateName"))
        .contains("Fan out", "Each item", "Store", "Done");
    chromium.screenshot("state-machine-graph");
  }

  @Test
  void shouldDrawBranchesAndTheItemProcessorInsideTheirStatesWhenLaidOut() {
    // given
    openMachine();

    // when
    Map<String, List<Number>> boxes = boxes();

    // then
    assertInside(boxes, "/States/Fan out/Branches/0", "/States/Fan out");
    assertInside(boxes, "/States/Fan out/Branches/1", "/States/Fan out");
    assertInside(boxes, "/States/Fan out/Branches/1/States/Done", "/States/Fan out/Branches/1");
    assertInside(boxes, "/States/Each item/ItemProcessor", "/States/Each item");
    assertInside(
        boxes, "/States/Each item/ItemProcessor/States/Store", "/States/Each item/ItemProcessor");
  }

  @Test
  void shouldMarkTheStateAValidationWarningPointsToWhenTheDefinitionHasOne() {
    // given
    openMachine();

    // when
    WebElement prepare = node("/States/Prepare");

    // then
    assertThat(prepare.getDomAttribute("class")).contains("has-warning");
    assertThat(prepare.getDomAttribute("aria-label")).startsWith("Pass state Prepare; 1 problem:");
    assertThat(browser.findElement(By.cssSelector("section.diagnostics")).getText())
        .contains("/States/Prepare/Parameters/note", "WARNING");
  }

  @Test
  void shouldShowAStateDefinitionWhenTheStateIsClickedOrChosenWithTheKeyboard() {
    // given
    openMachine();

    // when
    node("/States/Each item/ItemProcessor/States/Store").click();

    // then
    WebElement panel =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("state-panel")));
    assertThat(panel.findElement(By.tagName("h2")).getText()).isEqualTo("Store");
    assertThat(panel.findElement(By.cssSelector(".state-type")).getText())
        .isEqualTo("Task · activity console-store");
    assertThat(panel.findElement(By.cssSelector("pre.json")).getText())
        .contains("\"Type\": \"Task\"", ":activity:console-store");
    chromium.screenshot("state-machine-state");

    // when
    ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", node("/States/Each item"));
    browser.switchTo().activeElement().sendKeys(Keys.ENTER);

    // then
    wait.until(
        ExpectedConditions.textToBePresentInElement(
            panel.findElement(By.tagName("h2")), "Each item"));
    assertThat(panel.findElement(By.cssSelector("pre.json")).getText())
        .contains("\"Type\": \"Map\"", "\"ItemProcessor\": {");
  }

  @Test
  void shouldZoomPanAndFitWhenTheWheelTheMouseAndTheButtonsAreUsed() {
    // given
    openMachine();
    WebElement canvas = browser.findElement(By.cssSelector("svg.canvas"));
    WebElement drawing = canvas.findElement(By.cssSelector("g.graph"));
    String fitted = drawing.getDomAttribute("transform");
    // The drawing is centred: the canvas's left edge, half way down, is background.
    int left = -canvas.getSize().getWidth() / 2 + 10;

    // when
    browser.findElement(By.cssSelector("button[aria-label='Zoom in']")).click();
    String zoomed = drawing.getDomAttribute("transform");
    new Actions(browser)
        .scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(canvas), 0, 300)
        .perform();
    String wheeled = drawing.getDomAttribute("transform");
    new Actions(browser)
        .moveToElement(canvas, left, 0)
        .clickAndHold()
        .moveByOffset(120, 40)
        .release()
        .perform();
    String panned = drawing.getDomAttribute("transform");
    browser.findElement(By.cssSelector("button[aria-label='Fit to view']")).click();

    // then
    assertThat(scaleOf(zoomed)).isGreaterThan(scaleOf(fitted));
    assertThat(scaleOf(wheeled)).isLessThan(scaleOf(zoomed));
    assertThat(xOf(panned)).isCloseTo(xOf(wheeled) + 120, within(1.0));
    assertThat(yOf(panned)).isCloseTo(yOf(wheeled) + 40, within(1.0));
    assertThat(drawing.getDomAttribute("transform")).isEqualTo(fitted);
  }

  @Test
  void shouldShowTheDefinitionAsFormattedJsonWhenItsTabIsChosen() {
    // given
    openMachine();

    // when
    browser.findElement(By.id("tab-definition")).click();

    // then
    WebElement json =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#panel-definition pre")));
    assertThat(json.getText()).contains("{\n  \"Comment\": ", "\n  \"StartAt\": \"Prepare\",");
    assertThat(browser.findElement(By.id("panel-graph")).isDisplayed()).isFalse();
    chromium.screenshot("state-machine-definition");
  }

  private static void signIn() {
    browser.get(console + "sign-in");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("name"))).sendKeys("tester");
    browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("/console/state-machines"));
  }

  private static void openMachine() {
    signIn();
    browser.get(console + "state-machines");
    rowOf(machineName).findElement(By.linkText(machineName)).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.canvas g.state")));
  }

  private static WebElement rowOf(String name) {
    return wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.xpath("//table//tr[th/a[text()='" + name + "']]")));
  }

  private static WebElement cell(WebElement row, String status) {
    return row.findElement(By.cssSelector("td[data-status='" + status + "']"));
  }

  private static WebElement node(String id) {
    return browser.findElement(By.cssSelector("svg.canvas g[data-node-id='" + id + "']"));
  }

  /** The given data attributes of the graph's elements, each element's joined by " | ". */
  @SuppressWarnings("unchecked")
  private static List<String> read(String selector, String... attributes) {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll('svg.canvas ' + arguments[0])]"
                    + ".map(e => arguments[1].map(a => e.dataset[a]).join(' | '))",
                selector,
                List.of(attributes));
  }

  /** Where each node is drawn on the page, by id: x, y, width, height. */
  @SuppressWarnings("unchecked")
  private static Map<String, List<Number>> boxes() {
    return (Map<String, List<Number>>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Object.fromEntries([...document.querySelectorAll('svg.canvas"
                    + " [data-node-id]')].map(e => { const r = e.querySelector('.shape')"
                    + ".getBoundingClientRect(); return [e.dataset.nodeId, [r.x, r.y, r.width,"
                    + " r.height]]; }))");
  }

  private static void assertInside(Map<String, List<Number>> boxes, String inner, String outer) {
    List<Number> in = boxes.get(inner);
    List<Number> out = boxes.get(outer);
    assertThat(in).as(inner).isNotNull();
    assertThat(out).as(outer).isNotNull();
    double tolerance = 0.5;
    assertThat(in.get(0).doubleValue())
        .as(inner + " left")
        .isGreaterThanOrEqualTo(out.get(0).doubleValue() - tolerance);
    assertThat(in.get(1).doubleValue())
        .as(inner + " top")
        .isGreaterThanOrEqualTo(out.get(1).doubleValue() - tolerance);
    assertThat(in.get(0).doubleValue() + in.get(2).doubleValue())
        .as(inner + " right")
        .isLessThanOrEqualTo(out.get(0).doubleValue() + out.get(2).doubleValue() + tolerance);
    assertThat(in.get(1).doubleValue() + in.get(3).doubleValue())
        .as(inner + " bottom")
        .isLessThanOrEqualTo(out.get(1).doubleValue() + out.get(3).doubleValue() + tolerance);
  }

  private static double scaleOf(String transform) {
    return Double.parseDouble(transform.replaceAll(".*scale\\(([^)]+)\\).*", "$1"));
  }

  private static double xOf(String transform) {
    return Double.parseDouble(transform.replaceAll("translate\\(([^ ]+) .*", "$1"));
  }

  private static double yOf(String transform) {
    return Double.parseDouble(transform.replaceAll("translate\\([^ ]+ ([^)]+)\\).*", "$1"));
  }
}
