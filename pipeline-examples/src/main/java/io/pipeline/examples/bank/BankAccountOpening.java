package io.pipeline.examples.bank;

import io.pipeline.examples.ExampleWorkflow;
import io.pipeline.examples.kafka.JsonTopics;
import io.pipeline.schemas.topic.Topic;
import java.util.List;
import java.util.Set;

/**
 * The microservice-orchestration example: a bank account opened by a Standard workflow that calls
 * small services (name and address validation in parallel, the customer registry, the account
 * service) as activities, with compensation when the account cannot be opened. Start the services
 * with {@link BankWorkers#start}, create the activities and the state machine with {@link
 * #WORKFLOW}, then start executions with a customer as input (see {@code
 * examples/bank-account/README.md}).
 */
public final class BankAccountOpening {

  /** Checks the customer's name. */
  public static final String VALIDATE_NAME = "bank-validate-name";

  /** Checks the customer's address. */
  public static final String VALIDATE_ADDRESS = "bank-validate-address";

  /** Reserves the customer id for the customer's name in the registry. */
  public static final String RESERVE_CUSTOMER = "bank-reserve-customer";

  /** Opens the account. */
  public static final String CREATE_ACCOUNT = "bank-create-account";

  /** Compensation: releases the reservation an execution made. */
  public static final String RELEASE_CUSTOMER = "bank-release-customer";

  /** Opened accounts, keyed by account id; compacted. */
  public static final String ACCOUNTS_TOPIC = "examples.bank.accounts";

  /** The customer registry's reservations, keyed by customer id; compacted. */
  public static final String CUSTOMERS_TOPIC = "examples.bank.customers";

  /** The customer the account service refuses unless told otherwise: shows the compensation. */
  public static final Set<String> DEMO_BLOCKED_CUSTOMERS = Set.of("C-9999");

  /** The state machine, its definition and its activities. */
  public static final ExampleWorkflow WORKFLOW =
      new ExampleWorkflow(
          "bank-account-opening",
          "examples/bank-account/account-opening.asl.json",
          List.of(
              VALIDATE_NAME, VALIDATE_ADDRESS, RESERVE_CUSTOMER, CREATE_ACCOUNT, RELEASE_CUSTOMER));

  private BankAccountOpening() {}

  /** The example's topics. */
  public static List<Topic<String, String>> topics() {
    return List.of(JsonTopics.compacted(ACCOUNTS_TOPIC), JsonTopics.compacted(CUSTOMERS_TOPIC));
  }
}
