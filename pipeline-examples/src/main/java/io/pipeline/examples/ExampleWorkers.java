package io.pipeline.examples;

import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.common.lifecycle.ServiceMain;
import io.pipeline.examples.bank.BankAccountOpening;
import io.pipeline.examples.bank.BankWorkers;
import io.pipeline.examples.security.IncidentResponse;
import io.pipeline.examples.security.SecurityWorkers;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Runs the examples' workers as a process of their own, against the Kafka of {@code
 * KAFKA_BOOTSTRAP_SERVERS} (default {@code localhost:9092}, where {@code ./pipeline up} serves it),
 * until stopped: {@code bank}, {@code security}, or both when no argument is given.
 */
public final class ExampleWorkers {

  private ExampleWorkers() {}

  /**
   * Starts the workers and returns once the process is asked to stop and they have closed.
   *
   * @param args {@code bank}, {@code security}, or nothing for both
   */
  public static void main(String[] args) throws InterruptedException {
    List<String> examples = args.length == 0 ? List.of("bank", "security") : List.of(args);
    if (!List.of("bank", "security").containsAll(examples)) {
      System.err.println("usage: ExampleWorkers [bank] [security], not " + examples);
      System.exit(2);
    }
    ServiceMain.run(
        "example workers",
        settings -> {
          KafkaSettings kafka = KafkaSettings.from(settings);
          Parts parts = new Parts("Example workers");
          try {
            if (examples.contains("bank")) {
              parts.track(BankWorkers.start(kafka));
              LoggerFactory.getLogger(ExampleWorkers.class)
                  .info(
                      "Bank workers running for {} (blocked customers: {})",
                      BankAccountOpening.WORKFLOW.activities(),
                      BankAccountOpening.DEMO_BLOCKED_CUSTOMERS);
            }
            if (examples.contains("security")) {
              parts.track(SecurityWorkers.start(kafka));
              LoggerFactory.getLogger(ExampleWorkers.class)
                  .info(
                      "Policy service running for {}; approval requests on {}",
                      IncidentResponse.WORKFLOW.activities(),
                      IncidentResponse.APPROVALS_TOPIC);
            }
          } catch (RuntimeException e) {
            parts.close();
            throw e;
          }
          return parts;
        });
  }
}
