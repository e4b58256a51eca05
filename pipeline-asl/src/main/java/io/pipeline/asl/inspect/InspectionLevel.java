package io.pipeline.asl.inspect;

/** How much a state test shows. */
public enum InspectionLevel {
  /** The status, output, error and next state. */
  INFO,
  /** Also the data after each step of the state's input and output processing. */
  DEBUG,
  /**
   * Also an HTTP Task's request and response; there are no HTTP Tasks here yet, so it shows what
   * DEBUG shows.
   */
  TRACE
}
