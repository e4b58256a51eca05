package io.pipeline.orchestrator.console;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in {@link HeadlessChromium}, as the executions' browser tests use it: signing in,
 * opening pages, starting an execution through the dialog, and reading the states' statuses the
 * graph shows ({@code data-status} of each state, by node id). Public for the browser tests of
 * other modules, which get it from this module's test jar.
 */
public final class ConsoleBrowser implements AutoCloseable {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final HeadlessChromium chromium;
  private final WebDriver driver;
  private final WebDriverWait wait;
  private final URI console;

  private ConsoleBrowser(HeadlessChromium chromium, URI console) {
    this.chromium = chromium;
    this.driver = chromium.driver();
    this.wait = new WebDriverWait(driver, PATIENCE);
    this.console = console;
  }

  /** Starts the browser for the console of the orchestrator whose API is at {@code api}. */
  public static ConsoleBrowser start(URI api) {
    return new ConsoleBrowser(HeadlessChromium.start(), api.resolve("/console/"));
  }

  /** The browser. */
  public WebDriver driver() {
    return driver;
  }

  /** Waits up to a minute. */
  public WebDriverWait waiting() {
    return wait;
  }

  /** Signs in, and waits for the state machines' page. */
  public void signIn(String name, String password) {
    driver.get(console.resolve("sign-in").toString());
    wait.until(ExpectedConditions.elementToBeClickable(By.id("name"))).sendKeys(name);
    driver.findElement(By.id("password")).sendKeys(password, Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("/console/state-machines"));
  }

  /** Opens a page of the console: {@code path} is relative to {@code /console/}. */
  public void open(String path) {
    driver.get(console.resolve(path).toString());
  }

  /** Opens a state machine's page and waits for its graph. */
  public void openStateMachine(String stateMachineArn) {
    open("state-machines/" + encode(stateMachineArn));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.canvas g.state")));
  }

  /** Opens an execution's page and waits until its history is read. */
  public void openExecution(String executionArn) {
    open("executions/" + encode(executionArn));
    awaitHistoryRead();
  }

  /** Waits until the execution page shown has read its history. */
  public void awaitHistoryRead() {
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-history-loaded]")));
  }

  /**
   * Starts an execution through the Start execution dialog of the page shown: name, then the input
   * typed into the JSON editor.
   *
   * @return the new execution's ARN, once its page is shown
   */
  public String startExecution(String name, String input) {
    WebElement dialog = openStartDialog();
    dialog.findElement(By.id("execution-name")).sendKeys(name);
    type(dialog.findElement(By.id("execution-input")), input);
    WebElement start = dialog.findElement(By.cssSelector("button[type='submit']"));
    wait.until(d -> start.isEnabled());
    start.click();
    wait.until(ExpectedConditions.urlContains("/console/executions/"));
    awaitHistoryRead();
    String path = URI.create(driver.getCurrentUrl()).getPath();
    return java.net.URLDecoder.decode(
        path.substring(path.lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Clicks Start execution and waits for its dialog. */
  public WebElement openStartDialog() {
    wait.until(
            ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()='Start execution']")))
        .click();
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
  }

  /** Replaces a text field's content, typing as a user does (each key an input event). */
  public void type(WebElement field, String text) {
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    field.sendKeys(text);
  }

  /** The status a state of the graph shows, by its node id (its JSON Pointer). */
  public String statusOf(String nodeId) {
    return driver
        .findElement(By.cssSelector("svg.canvas g[data-node-id='" + nodeId + "']"))
        .getDomAttribute("data-status");
  }

  /** Waits until a state of the graph shows this status. */
  public void awaitStatus(String nodeId, String status) {
    wait.until(d -> status.equals(statusOf(nodeId)));
  }

  /** Every state's status, by node id. */
  @SuppressWarnings("unchecked")
  public Map<String, String> statuses() {
    return (Map<String, String>)
        ((JavascriptExecutor) driver)
            .executeScript(
                "return Object.fromEntries([...document.querySelectorAll('svg.canvas"
                    + " g.state')].map(e => [e.dataset.nodeId, e.dataset.status]))");
  }

  /** Waits until the execution's status badge shows this status, e.g. SUCCEEDED. */
  public void awaitExecutionStatus(String status) {
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector(".execution-status .badge[data-status='" + status + "']")));
  }

  /** Writes what the page shows to {@code target/console-screenshots/<name>.png}. */
  public void screenshot(String name) {
    chromium.screenshot(name);
  }

  private static String encode(String arn) {
    return java.net.URLEncoder.encode(arn, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    chromium.close();
  }
}
