package io.pipeline.examples.bank;

import io.pipeline.client.worker.ActivityWorker;
import io.pipeline.client.worker.WorkerGroup;
import io.pipeline.client.worker.WorkerStats;
import io.pipeline.common.kafka.KafkaSettings;
import io.pipeline.examples.kafka.JsonTopics;
import java.util.Map;
import java.util.Set;

/**
 * The bank's services, each an {@link ActivityWorker} of its activity: name and address validation,
 * the customer registry (reservations and their release) and the account service. Closing stops
 * them all.
 */
public final class BankWorkers implements AutoCloseable {

  /** Tasks each service's worker works on at once. */
  private static final int CONCURRENCY = 4;

  private final WorkerGroup workers;

  private BankWorkers(WorkerGroup workers) {
    this.workers = workers;
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
    WorkerGroup workers = new WorkerGroup(kafka, "Bank workers");
    try {
      CustomerRegistry registry = workers.track(CustomerRegistry.open(kafka));
      AccountService accounts = workers.track(new AccountService(kafka, blockedCustomers));
      workers.start(
          BankAccountOpening.VALIDATE_NAME, "name-validator", CONCURRENCY, new NameValidator());
      workers.start(
          BankAccountOpening.VALIDATE_ADDRESS,
          "address-validator",
          CONCURRENCY,
          new AddressValidator());
      workers.start(
          BankAccountOpening.RESERVE_CUSTOMER, "customer-registry", CONCURRENCY, registry::reserve);
      workers.start(
          BankAccountOpening.RELEASE_CUSTOMER, "customer-registry", CONCURRENCY, registry::release);
      workers.start(BankAccountOpening.CREATE_ACCOUNT, "account-service", CONCURRENCY, accounts);
      return new BankWorkers(workers);
    } catch (RuntimeException e) {
      workers.close();
      throw e;
    }
  }

  /** What each activity's worker has done so far, by activity name. */
  public Map<String, WorkerStats> stats() {
    return workers.stats();
  }

  /** Stops the workers, then the services' Kafka clients. */
  @Override
  public void close() {
    workers.close();
  }
}
