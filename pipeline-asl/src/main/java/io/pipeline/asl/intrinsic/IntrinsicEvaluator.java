package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pipeline.asl.error.StateFailure;
import io.pipeline.asl.intrinsic.IntrinsicArgument.BooleanLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.JsonPathArgument;
import io.pipeline.asl.intrinsic.IntrinsicArgument.NullLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.NumberLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.StringLiteral;
import io.pipeline.asl.intrinsic.IntrinsicArgument.VariableArgument;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a call tree: arguments first, left to right, then the function. A failure anywhere in
 * the tree becomes one {@code States.Runtime} failure whose cause names the outermost call, as AWS
 * writes it: {@code The function 'States.Format('{}', $.a)' had the following error: ...}.
 */
final class IntrinsicEvaluator {

  private IntrinsicEvaluator() {}

  /**
   * The call's value, which its caller may change: arguments are read without a copy, so a result
   * that holds parts of them (an array, a merged object) is copied once, here; a scalar is new or
   * immutable already.
   */
  static JsonNode evaluate(IntrinsicCall call, IntrinsicContext context) {
    try {
      JsonNode result = call(call, context);
      return result.isContainerNode() ? result.deepCopy() : result;
    } catch (IntrinsicError e) {
      throw StateFailure.runtime(
          "The function '" + call.source() + "' had the following error: " + e.getMessage());
    }
  }

  private static JsonNode call(IntrinsicCall call, IntrinsicContext context) {
    List<JsonNode> values = new ArrayList<>(call.arguments().size());
    for (IntrinsicArgument argument : call.arguments()) {
      values.add(value(argument, context));
    }
    FunctionArguments args = new FunctionArguments(call.function(), values);
    return switch (call.function()) {
      case FORMAT -> FormatFunction.format(args, template(call, args));
      case STRING_TO_JSON -> JsonFunctions.stringToJson(args);
      case JSON_TO_STRING -> JsonFunctions.jsonToString(args);
      case ARRAY -> ArrayFunctions.array(args);
      case ARRAY_PARTITION -> ArrayFunctions.partition(args);
      case ARRAY_CONTAINS -> ArrayFunctions.contains(args);
      case ARRAY_RANGE -> ArrayFunctions.range(args);
      case ARRAY_GET_ITEM -> ArrayFunctions.getItem(args);
      case ARRAY_LENGTH -> ArrayFunctions.length(args);
      case ARRAY_UNIQUE -> ArrayFunctions.unique(args);
      case BASE64_ENCODE -> Base64Functions.encode(args);
      case BASE64_DECODE -> Base64Functions.decode(args);
      case HASH -> HashFunction.hash(args);
      case JSON_MERGE -> JsonFunctions.merge(args);
      case MATH_RANDOM -> MathFunctions.random(args, context.random());
      case MATH_ADD -> MathFunctions.add(args);
      case STRING_SPLIT -> StringSplitFunction.split(args);
      case UUID -> UuidFunction.uuid(context.random());
    };
  }

  private static JsonNode value(IntrinsicArgument argument, IntrinsicContext context) {
    if (argument instanceof StringLiteral literal) {
      return TextNode.valueOf(literal.value());
    }
    if (argument instanceof NumberLiteral number) {
      return number.toJson();
    }
    if (argument instanceof BooleanLiteral bool) {
      return BooleanNode.valueOf(bool.value());
    }
    if (argument instanceof JsonPathArgument path) {
      return ArgumentReader.readPath(path.path(), context);
    }
    if (argument instanceof VariableArgument variable) {
      return ArgumentReader.readVariable(variable, context);
    }
    if (argument instanceof IntrinsicCall nested) {
      return call(nested, context);
    }
    if (argument instanceof NullLiteral) {
      return NullNode.getInstance();
    }
    throw new IllegalStateException("Unknown argument kind " + argument);
  }

  /** A literal template keeps its escapes, so that {@code \{} is not a placeholder. */
  private static String template(IntrinsicCall call, FunctionArguments args) {
    if (args.size() == 0) {
      throw args.invalid();
    }
    if (call.arguments().get(0) instanceof StringLiteral literal) {
      return literal.raw();
    }
    return args.string(0);
  }
}
