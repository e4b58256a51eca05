package io.pipeline.examples.bank;

import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.client.worker.TaskHandler;
import io.pipeline.client.worker.WorkerStats;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.common.lifecycle.Parts;
import io.pipeline.examples.kafka.JsonTopics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bank's services, each an {@link ActivityWorker} of its activity: name and address validation,
 * the customer registry (reservations and their release) and the account service. Closing stops
 * them all.
 */
public final class BankWorkers implements AutoCloseable {

  private final Parts parts;
  private final Map<String, ActivityWorker> workers;

  private BankWorkers(Parts parts, Map<String, ActivityWorker> workers) {
    this.parts = parts;
    this.workers = Collections.unmodifiableMap(new LinkedHashMap<>(workers));
  }

  /**
   * Creates the example's topics if they are missing and starts the services, the account service
   * refusing {@link BankAccountOpening#DEMO_BLOCKED_CUSTOMERS}.
   */
  public static BankWorkers start(KafkaSettings kafka) {
    return start(kafka, BankAccountOpening.DEMO_BLOCKED_CUSTOMERS);
  }

  /**
   * Creates the example's topics if they are missing and starts the services.
   *
   * @param blockedCustomers the customer ids the account service refuses
   */
  public static BankWorkers start(KafkaSettings kafka, Set<String> blockedCustomers) {
    JsonTopics.ensure(kafka, BankAccountOpening.topics());
    Parts parts = new Parts("Bank workers");
    try {
      CustomerRegistry registry = parts.track(CustomerRegistry.open(kafka));
      AccountService accounts = parts.track(new AccountService(kafka, blockedCustomers));
      Map<String, ActivityWorker> workers = new LinkedHashMap<>();
      workers.put(
          BankAccountOpening.VALIDATE_NAME,
          parts.track(
              worker(
                  kafka, BankAccountOpening.VALIDATE_NAME, "name-validator", new NameValidator())));
      workers.put(
          BankAccountOpening.VALIDATE_ADDRESS,
          parts.track(
              worker(
                  kafka,
                  BankAccountOpening.VALIDATE_ADDRESS,
                  "address-validator",
                  new AddressValidator())));
      workers.put(
          BankAccountOpening.RESERVE_CUSTOMER,
          parts.track(
              worker(
                  kafka,
                  BankAccountOpening.RESERVE_CUSTOMER,
                  "customer-registry",
                  registry::reserve)));
      workers.put(
          BankAccountOpening.RELEASE_CUSTOMER,
          parts.track(
              worker(
                  kafka,
                  BankAccountOpening.RELEASE_CUSTOMER,
                  "customer-registry",
                  registry::release)));
      workers.put(
          BankAccountOpening.CREATE_ACCOUNT,
          parts.track(
              worker(kafka, BankAccountOpening.CREATE_ACCOUNT, "account-service", accounts)));
      return new BankWorkers(parts, workers);
    } catch (RuntimeException e) {
      parts.close();
      throw e;
    }
  }

  private static ActivityWorker worker(
      KafkaSettings kafka, String activity, String workerName, TaskHandler handler) {
    return ActivityWorker.builder(kafka, activity).workerName(workerName).start(handler);
  }

  /** What each activity's worker has done so far, by activity name. */
  public Map<String, WorkerStats> stats() {
    Map<String, WorkerStats> stats = new LinkedHashMap<>();
    workers.forEach((activity, worker) -> stats.put(activity, worker.stats()));
    return stats;
  }

  /** Stops the workers, then the services' Kafka clients. */
  @Override
  public void close() {
    parts.close();
  }
}
