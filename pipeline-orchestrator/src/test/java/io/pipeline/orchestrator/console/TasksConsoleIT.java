package io.pipeline.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipeline.localstack.LocalStack;
import io.pipeline.orchestrator.OrchestratorExtension;
import io.pipeline.orchestrator.OrchestratorFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The waiting tasks and pipeline pages in headless Chromium against an orchestrator on a real
 * broker: an approval step as the security example has (a Kafka produce that waits for its
 * callback) is approved with an output and rejected with an error, through dialogs used with the
 * mouse and the keyboard; the pipeline page shows the approval topic, a dead-letter topic and a
 * consumer group's lag. Screenshots go to {@code target/console-screenshots/}.
 */
class TasksConsoleIT {

  private static final String PASSWORD = "tester-password";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final int REQUESTS = 4;

  @RegisterExtension
  static final OrchestratorExtension ORCHESTRATOR =
      OrchestratorExtension.withSettings(
          Map.of(
              "ORCHESTRATOR_CONSOLE_USERS", "tester:" + PASSWORD,
              "ORCHESTRATOR_CONSOLE_OVERVIEW_INTERVAL", "1s",
              "ORCHESTRATOR_CONSOLE_OVERVIEW_WINDOW", "1m"));

  private static OrchestratorFixture orchestrator;
  private static SfnClient sfn;
  private static String machine;
  private static String approvals;
  private static String deadLetters;
  private static String approvers;
  private static long approvalsEnd;
  private static HeadlessChromium chromium;
  private static WebDriver browser;
  private static WebDriverWait wait;
  private static String console;

  @BeforeAll
  static void start(OrchestratorFixture fixture) {
    orchestrator = fixture;
    sfn = fixture.sfn();
    String bootstrap = fixture.kafka().bootstrapServers();
    approvals = WaitingTaskConsole.createTopic(bootstrap, "console.approvals");
    deadLetters = WaitingTaskConsole.createTopic(bootstrap, "console.orders.dead-letters");
    produce(bootstrap, deadLetters, 2);
    machine =
        fixture.createMachine(
            "incident-approval",
            """
            {"QueryLanguage": "JSONata", "StartAt": "RequestApproval", "States": {
              "RequestApproval": {"Type": "Task",
                "Resource": "arn:aws:states:::kafka:produce.waitForTaskToken",
                "Arguments": {"Topic": "%s", "Key": "{%% $states.input.incidentId %%}",
                  "Value": {"taskToken": "{%% $states.context.Task.Token %%}",
                    "incident": "{%% $states.input %%}"}},
                "TimeoutSeconds": 3600, "End": true}}}
            """
                .formatted(approvals));
    for (String name : List.of("approve-me", "reject-me", "answered-meanwhile", "keyboard")) {
      sfn.startExecution(
          b ->
              b.stateMachineArn(machine)
                  .name(name)
                  .input("{\"incidentId\": \"" + name + "\", \"severity\": \"HIGH\"}"));
    }
    approvers = LocalStack.uniqueName("console-approvers");
    approvalsEnd = commitAtStart(bootstrap, approvers, new TopicPartition(approvals, 0));
    console = fixture.apiUri().resolve("/console/").toString();
    chromium = HeadlessChromium.start();
    browser = chromium.driver();
    wait = new WebDriverWait(browser, PATIENCE);
    signIn();
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void shouldSucceedWithTheTypedOutputWhenTheTaskIsApproved() {
    // given
    WebElement row = openTasksAndFind("approve-me");
    assertThat(row.findElement(By.cssSelector("td:nth-of-type(1)")).getText())
        .isEqualTo(machine.substring(machine.lastIndexOf(':') + 1));
    assertThat(row.findElement(By.tagName("a")).getDomAttribute("href"))
        .isEqualTo("/console/executions/" + encoded(execution("approve-me")));
    chromium.screenshot("waiting-tasks");

    // when: the output is first not JSON, then corrected
    row.findElement(By.cssSelector("button.approve")).click();
    WebElement output =
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve-output")));
    assertThat(browser.switchTo().activeElement()).isEqualTo(output);
    output.sendKeys(Keys.chord(Keys.CONTROL, "a"), "{\"approved\": ");
    WebElement message = browser.findElement(By.id("approve-output-message"));
    wait.until(ExpectedConditions.textToBePresentInElement(message, "Not JSON"));
    assertThat(output.getDomAttribute("aria-invalid")).isEqualTo("true");
    chromium.screenshot("approve-dialog-invalid");
    output.sendKeys(Keys.chord(Keys.CONTROL, "a"), "{\"approved\": true, \"by\": \"console\"}");
    wait.until(ExpectedConditions.textToBePresentInElement(message, "Valid JSON."));
    dialogButton("Approve").click();

    // then
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
    wait.until(ExpectedConditions.stalenessOf(row));
    assertThat(browser.findElement(By.id("task-outcome")).getText())
        .isEqualTo("Approved RequestApproval of execution approve-me.");
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution("approve-me"));
    assertThat(closed.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(closed.output()).isEqualTo("{\"approved\":true,\"by\":\"console\"}");
    chromium.screenshot("task-approved");
  }

  @Test
  void shouldFailWithTheErrorAndCauseWhenTheTaskIsRejected() {
    // given
    WebElement row = openTasksAndFind("reject-me");

    // when
    row.findElement(By.cssSelector("button.reject")).click();
    WebElement error = wait.until(ExpectedConditions.elementToBeClickable(By.id("reject-error")));
    assertThat(error.getDomProperty("value")).isEqualTo("Rejected");
    error.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Security.Denied");
    browser.findElement(By.id("reject-cause")).sendKeys("The device stays restricted");
    chromium.screenshot("reject-dialog");
    dialogButton("Reject").click();

    // then
    wait.until(ExpectedConditions.stalenessOf(row));
    DescribeExecutionResponse closed = orchestrator.awaitClosed(execution("reject-me"));
    assertThat(closed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(closed.error()).isEqualTo("Security.Denied");
    assertThat(closed.cause()).isEqualTo("The device stays restricted");
  }

  @Test
  void shouldKeepFocusInTheDialogAndGiveItBackWhenEscapeClosesIt() {
    // given
    WebElement row = openTasksAndFind("keyboard");
    WebElement approve = row.findElement(By.cssSelector("button.approve"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].focus()", approve);

    // when
    browser.switchTo().activeElement().sendKeys(Keys.ENTER);
    WebElement dialog =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog[open]")));
    String title = browser.findElement(By.id(dialog.getDomAttribute("aria-labelledby"))).getText();
    boolean stayedInside = true;
    for (int i = 0; i < 6; i++) {
      browser.switchTo().activeElement().sendKeys(Keys.TAB);
      stayedInside &= isInside(dialog);
    }
    browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
    stayedInside &= isInside(dialog);
    browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);

    // then
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog[open]")));
    assertThat(stayedInside).as("focus stayed in the dialog").isTrue();
    assertThat(title).isEqualTo("Approve RequestApproval");
    assertThat(browser.switchTo().activeElement()).isEqualTo(approve);
    assertThat(row.isDisplayed()).as("nothing was sent").isTrue();
  }

  @Test
  void shouldShowTheApiErrorWhenTheTaskWasAnsweredMeanwhile() {
    // given: the dialog is open while someone else answers the task
    WebElement row = openTasksAndFind("answered-meanwhile");
    row.findElement(By.tagName("summary")).click();
    String token = row.findElement(By.cssSelector("code.task-token")).getText();
    row.findElement(By.cssSelector("button.approve")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("approve-output")));
    sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"approved\": false}"));

    // when
    dialogButton("Approve").click();

    // then
    WebElement alert =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog .dialog-error")));
    wait.until(ExpectedConditions.textToBePresentInElement(alert, "TaskTimedOut: "));
    assertThat(alert.getDomAttribute("role")).isEqualTo("alert");
    chromium.screenshot("approve-error");
    dialogButton("Cancel").click();
    wait.until(ExpectedConditions.stalenessOf(row));
  }

  @Test
  void shouldShowTheApprovalTopicDeadLettersAndTheGroupsLagWhenThePipelinePageIsOpened() {
    // given: the approval topic's end offset (its records and the runtime's transaction markers)
    String end = Long.toString(approvalsEnd);

    // when
    browser.get(console + "pipeline");
    Map<String, Object> topic =
        awaitRow("tr[data-topic='" + approvals + "']", row -> end.equals(row.get("records")));
    Map<String, Object> group =
        awaitRow("tr[data-group='" + approvers + "']", row -> end.equals(row.get("lag")));
    Map<String, Object> dead = awaitRow("tr[data-topic='" + deadLetters + "']", row -> true);

    // then
    assertThat((String) topic.get("chart"))
        .matches("Write rate of " + approvals + ": min .*/s, max .*/s, last .*/s");
    assertThat((String) group.get("chart"))
        .isEqualTo("Lag of %s: min %s, max %s, last %s", approvers, end, end, end);
    assertThat((String) dead.get("class")).contains("dead-letters");
    assertThat(dead.get("badge")).isEqualTo("dead letters");
    assertThat(dead.get("records")).isEqualTo("2");
    assertThat(browser.findElement(By.id("dead-letter-summary")).getText())
        .startsWith("Dead letters: ")
        .contains(deadLetters);
    assertThat(browser.findElement(By.id("pipeline-error")).isDisplayed()).isFalse();
    chromium.screenshot("pipeline");
  }

  @Test
  void shouldShowABannerWhenTheOverviewSaysKafkaCannotBeRead() {
    // given: the page's requests for the overview answer what an orchestrator cut off from Kafka
    // answers
    browser.get(console + "state-machines");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.linkText("Pipeline")));
    ((JavascriptExecutor) browser)
        .executeScript(
            "const real = window.fetch; window.fetch = (url, options) =>"
                + " String(url).endsWith('/GetPipelineOverview') ? Promise.resolve(new"
                + " Response(JSON.stringify({intervalSeconds: 1, error: 'Kafka did not answer"
                + " within 2000 ms', topics: [], groups: []}), {status: 200})) : real(url,"
                + " options);");

    // when
    browser.findElement(By.linkText("Pipeline")).click();

    // then
    WebElement banner =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pipeline-error")));
    assertThat(banner.getDomAttribute("role")).isEqualTo("alert");
    assertThat(banner.getText())
        .isEqualTo("Kafka cannot be read: Kafka did not answer within 2000 ms.");
    chromium.screenshot("pipeline-kafka-unreadable");
    browser.navigate().refresh();
  }

  private static void signIn() {
    browser.get(console + "sign-in");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("name"))).sendKeys("tester");
    browser.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
    wait.until(ExpectedConditions.urlContains("/console/state-machines"));
  }

  private static WebElement openTasksAndFind(String execution) {
    browser.get(console + "tasks");
    return wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.xpath("//table[contains(@class,'tasks')]//tr[th/a[text()='" + execution + "']]")));
  }

  private static WebElement dialogButton(String text) {
    return browser.findElement(
        By.xpath("//dialog[@open]//div[@class='dialog-buttons']/button[text()='" + text + "']"));
  }

  /**
   * Waits until the row the selector finds satisfies the condition, and returns what it shows; read
   * afresh each time, as the page replaces its rows at each sample.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> awaitRow(
      String selector, java.util.function.Predicate<Map<String, Object>> condition) {
    return wait.until(
        d -> {
          Map<String, Object> row =
              (Map<String, Object>)
                  ((JavascriptExecutor) browser)
                      .executeScript(
                          "const row = document.querySelector(arguments[0]); if (!row) return"
                              + " null; const text = (s) => row.querySelector(s)?.textContent"
                              + " ?? null; return {class: row.className, records:"
                              + " text('td.records'), lag: text('td.lag'), badge:"
                              + " text('.badge'), chart: row.querySelector('svg.sparkline')"
                              + "?.getAttribute('aria-label') ?? null};",
                          selector);
          return row != null && condition.test(row) ? row : null;
        });
  }

  private static boolean isInside(WebElement dialog) {
    return (Boolean)
        ((JavascriptExecutor) browser)
            .executeScript("return arguments[0].contains(document.activeElement)", dialog);
  }

  private static String execution(String name) {
    return machine.replace(":stateMachine:", ":execution:") + ":" + name;
  }

  private static String encoded(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static void produce(String bootstrap, String topic, int count) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrap, "enable.idempotence", false),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "order-" + i, "{\"reason\": \"invalid\"}"));
      }
      producer.flush();
    }
  }

  /** Commits offset 0 for the group, once the partition holds every request; returns its end. */
  private static long commitAtStart(String bootstrap, String group, TopicPartition partition) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                "group.id",
                group,
                "enable.auto.commit",
                false,
                "isolation.level",
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)));
      consumer.seekToBeginning(List.of(partition));
      int read = 0;
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (read < REQUESTS && System.nanoTime() < deadline) {
        read += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertThat(read).as("approval requests on " + partition).isEqualTo(REQUESTS);
      return consumer.endOffsets(List.of(partition)).get(partition);
    }
  }
}
