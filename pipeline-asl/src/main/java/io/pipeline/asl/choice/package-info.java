/**
 * Choice rules in JSONPath mode: {@link io.pipeline.asl.choice.ChoiceRules#parse parse} a rule from
 * its JSON object into an immutable {@link io.pipeline.asl.choice.ChoiceRule}, reporting every
 * problem with its JSON Pointer location, and {@link io.pipeline.asl.choice.ChoiceRules#evaluate
 * evaluate} it against a state's input and the context object the way AWS Step Functions does.
 *
 * <p>Semantics pinned against executions recorded on AWS: a comparison whose value (from {@code
 * Variable} or a {@code ...Path} operand) is of the wrong JSON type is simply false; a path that
 * names nothing fails the state with {@code States.Runtime}, except under {@code IsPresent};
 * numbers compare by value ({@code 1} equals {@code 1.0}); timestamps compare as instants. {@code
 * Default}, {@code Assign} and JSONata {@code Condition} belong to the Choice state, not here.
 */
package io.pipeline.asl.choice;
