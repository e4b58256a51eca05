package io.pipeline.examples;

import io.pipeline.common.config.Settings;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.examples.bank.BankAccountOpening;
import io.pipeline.examples.bank.BankWorkers;
import io.pipeline.examples.security.IncidentResponse;
import io.pipeline.examples.security.SecurityWorkers;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the examples' workers as a process of their own, against the Kafka of {@code
 * KAFKA_BOOTSTRAP_SERVERS} (default {@code localhost:9092}, where {@code ./pipeline up} serves it),
 * until stopped: {@code bank}, {@code security}, or both when no argument is given.
 */
public final class ExampleWorkers {

  private static final Logger log = LoggerFactory.getLogger(ExampleWorkers.class);

  private ExampleWorkers() {}

  public static void main(String[] args) throws InterruptedException {
    List<String> examples = args.length == 0 ? List.of("bank", "security") : List.of(args);
    for (String example : examples) {
      if (!example.equals("bank") && !example.equals("security")) {
        System.err.println("usage: ExampleWorkers [bank] [security]; unknown: " + example);
        System.exit(2);
      }
    }
    KafkaSettings kafka = KafkaSettings.from(Settings.fromEnvironment());
    CountDownLatch stopped = new CountDownLatch(1);
    Parts parts = new Parts("Example workers");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  parts.close();
                  stopped.countDown();
                }));
    if (examples.contains("bank")) {
      parts.track(BankWorkers.start(kafka));
      log.info(
          "Bank workers running for {} (blocked customers: {})",
          BankAccountOpening.WORKFLOW.activities(),
          BankAccountOpening.DEMO_BLOCKED_CUSTOMERS);
    }
    if (examples.contains("security")) {
      parts.track(SecurityWorkers.start(kafka));
      log.info(
          "Policy service running for {}; approval requests on {}",
          IncidentResponse.WORKFLOW.activities(),
          IncidentResponse.APPROVALS_TOPIC);
    }
    stopped.await();
  }
}
