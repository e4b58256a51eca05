/**
 * Testing one state, as Step Functions' TestState does: {@link io.pipeline.asl.inspect.StateTester}
 * checks the request, runs the state through the interpreter ({@link
 * io.pipeline.asl.interpreter.StateTrial}) and answers with its status, output, error, next state
 * and, at {@link io.pipeline.asl.inspect.InspectionLevel#DEBUG}, the data of each step of its input
 * and output processing.
 */
package io.pipeline.asl.inspect;
