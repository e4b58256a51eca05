package io.pipeline.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.examples.bank.BankAccountOpening;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * Microservice orchestration: three customers open a bank account through the {@value #MACHINE}
 * workflow, whose worker services validate name and address in parallel, reserve the customer and
 * open the account: one valid customer (an account on {@value BankAccountOpening#ACCOUNTS_TOPIC}),
 * one with an invalid name (rejected with the reason), one the account service refuses after
 * validation (the reservation is released: the compensation).
 */
final class BankStage {

  static final String MACHINE = "account-opening";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SAMPLES =
      List.of("valid-customer", "invalid-name", "blocked-customer");

  private final DemoContext context;
  private final String run;

  BankStage(DemoContext context, String run) {
    this.context = context;
    this.run = run;
  }

  /** Creates the services' activities and the state machine. */
  void deploy() {
    BankAccountOpening.WORKFLOW.createActivities(context.sfn());
    BankAccountOpening.WORKFLOW.createStateMachine(context.sfn(), MACHINE);
  }

  /**
   * Starts one execution per sample customer and waits for all three to end.
   *
   * @return the executions by status
   */
  Map<String, Long> open() {
    String arn = context.stateMachineArn(MACHINE);
    for (String sample : SAMPLES) {
      String input = input(sample);
      context
          .sfn()
          .startExecution(b -> b.stateMachineArn(arn).name(run + "-" + sample).input(input));
    }
    @SuppressWarnings("unchecked")
    Map<String, Long>[] statuses = new Map[1];
    TopicCounts.await(
        SAMPLES.size() + " " + MACHINE + " executions",
        Demo.STAGE_TIMEOUT,
        () -> {
          List<ExecutionListItem> mine =
              context.sfn().listExecutions(b -> b.stateMachineArn(arn)).executions().stream()
                  .filter(e -> e.name().startsWith(run + "-"))
                  .toList();
          statuses[0] =
              mine.stream()
                  .collect(
                      Collectors.groupingBy(
                          ExecutionListItem::statusAsString, Collectors.counting()));
          return mine.size() == SAMPLES.size()
              && mine.stream().noneMatch(e -> e.statusAsString().equals("RUNNING"));
        });
    return statuses[0];
  }

  /** The sample's input; the valid customer gets an id of this run, so a second run opens anew. */
  private String input(String sample) {
    try {
      ObjectNode input =
          (ObjectNode) JSON.readTree(BankAccountOpening.WORKFLOW.sampleInput(sample));
      if (sample.equals("valid-customer")) {
        input.put("customerId", "C-" + run);
      }
      return input.toString();
    } catch (IOException e) {
      throw new DemoException("the sample input " + sample + " is not JSON: " + e.getMessage());
    }
  }
}
