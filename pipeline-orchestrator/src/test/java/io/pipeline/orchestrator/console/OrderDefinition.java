package io.pipeline.orchestrator.console;

import java.util.List;

/**
 * The state machine the browser tests draw: Choice (rules and a Default), Parallel with two
 * branches, Map with an item processor, Catch, Succeed and Fail, and a Pass whose Parameters draw a
 * validation warning (a path-looking value without {@code .$}). What the graph must show is written
 * out by hand below, ids being the states' JSON Pointers.
 */
final class OrderDefinition {

  private OrderDefinition() {}

  /** The definition, its Map's task on this activity. */
  static String json(String activityArn) {
    return """
        {
          "Comment": "An order: checked, fanned out, stored item by item",
          "StartAt": "Prepare",
          "States": {
            "Prepare": {
              "Type": "Pass",
              "Parameters": {"note": "$.note"},
              "ResultPath": "$.prepared",
              "Next": "Check"
            },
            "Check": {
              "Type": "Choice",
              "Choices": [
                {"Variable": "$.kind", "StringEquals": "fan", "Next": "Fan out"},
                {"Variable": "$.count", "NumericGreaterThan": 10, "Next": "Each item"}
              ],
              "Default": "Rejected"
            },
            "Fan out": {
              "Type": "Parallel",
              "Branches": [
                {"StartAt": "Resize", "States": {"Resize": {"Type": "Pass", "End": true}}},
                {
                  "StartAt": "Thumbnail",
                  "States": {
                    "Thumbnail": {"Type": "Pass", "Next": "Done"},
                    "Done": {"Type": "Succeed"}
                  }
                }
              ],
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Rejected"}],
              "Next": "Each item"
            },
            "Each item": {
              "Type": "Map",
              "ItemsPath": "$.items",
              "ItemProcessor": {
                "ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Store",
                "States": {"Store": {"Type": "Task", "Resource": "%s", "End": true}}
              },
              "End": true
            },
            "Rejected": {"Type": "Fail", "Error": "Rejected", "Cause": "Not an order we take"}
          }
        }
        """
        .formatted(activityArn);
  }

  /** Each state: its id and type. */
  static final List<String> STATES =
      List.of(
          "/States/Prepare | Pass",
          "/States/Check | Choice",
          "/States/Fan out | Parallel",
          "/States/Fan out/Branches/0/States/Resize | Pass",
          "/States/Fan out/Branches/1/States/Thumbnail | Pass",
          "/States/Fan out/Branches/1/States/Done | Succeed",
          "/States/Each item | Map",
          "/States/Each item/ItemProcessor/States/Store | Task",
          "/States/Rejected | Fail");

  /** The groups drawn inside the Parallel and Map states. */
  static final List<String> SCOPES =
      List.of(
          "/States/Fan out/Branches/0",
          "/States/Fan out/Branches/1",
          "/States/Each item/ItemProcessor");

  /** Each transition: its kind, from, to and label. */
  static final List<String> EDGES =
      List.of(
          "start | #start | /States/Prepare | ",
          "next | /States/Prepare | /States/Check | ",
          "choice | /States/Check | /States/Fan out | $.kind == \"fan\"",
          "choice | /States/Check | /States/Each item | $.count > 10",
          "default | /States/Check | /States/Rejected | Default",
          "next | /States/Fan out | /States/Each item | ",
          "catch | /States/Fan out | /States/Rejected | States.ALL",
          "start | /States/Fan out/Branches/0#start | /States/Fan out/Branches/0/States/Resize | ",
          "end | /States/Fan out/Branches/0/States/Resize | /States/Fan out/Branches/0#end | ",
          "start | /States/Fan out/Branches/1#start | /States/Fan out/Branches/1/States/Thumbnail"
              + " | ",
          "next | /States/Fan out/Branches/1/States/Thumbnail"
              + " | /States/Fan out/Branches/1/States/Done | ",
          "end | /States/Fan out/Branches/1/States/Done | /States/Fan out/Branches/1#end | ",
          "end | /States/Each item | #end | ",
          "start | /States/Each item/ItemProcessor#start"
              + " | /States/Each item/ItemProcessor/States/Store | ",
          "end | /States/Each item/ItemProcessor/States/Store"
              + " | /States/Each item/ItemProcessor#end | ",
          "end | /States/Rejected | #end | ");
}
