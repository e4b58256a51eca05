package io.pipeline.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One argument of an intrinsic function call, as parsed: a literal, a path, or a nested call. Every
 * kind is an immutable value.
 */
public sealed interface IntrinsicArgument
    permits IntrinsicArgument.StringLiteral,
        IntrinsicArgument.NumberLiteral,
        IntrinsicArgument.BooleanLiteral,
        IntrinsicArgument.NullLiteral,
        IntrinsicArgument.JsonPathArgument,
        IntrinsicArgument.VariableArgument,
        IntrinsicCall {

  /**
   * A single-quoted string.
   *
   * @param value the text with its escapes ({@code \'}, {@code \{}, {@code \}}, {@code \\})
   *     resolved
   * @param raw the text between the quotes exactly as written, escapes included; {@code
   *     States.Format} needs it to tell an escaped brace from a placeholder
   */
  record StringLiteral(String value, String raw) implements IntrinsicArgument {
    public StringLiteral {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(raw, "raw");
    }
  }

  /**
   * A number, e.g. {@code 3}, {@code -1} or {@code 2.5}.
   *
   * @param value the exact value
   * @param integral whether it was written without a fraction or an exponent
   */
  record NumberLiteral(BigDecimal value, boolean integral) implements IntrinsicArgument {
    public NumberLiteral {
      Objects.requireNonNull(value, "value");
    }

    /** The JSON number: an integer node when written as an integer, else a double. */
    public JsonNode toJson() {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      if (integral) {
        BigInteger exact = value.toBigIntegerExact();
        if (exact.bitLength() < Integer.SIZE) {
          return nodes.numberNode(exact.intValue());
        }
        return exact.bitLength() < Long.SIZE
            ? nodes.numberNode(exact.longValue())
            : nodes.numberNode(exact);
      }
      double asDouble = value.doubleValue();
      return Double.isFinite(asDouble) ? nodes.numberNode(asDouble) : nodes.numberNode(value);
    }
  }

  /** {@code true} or {@code false}. */
  record BooleanLiteral(boolean value) implements IntrinsicArgument {}

  /** {@code null}. */
  record NullLiteral() implements IntrinsicArgument {}

  /**
   * A JSONPath: {@code $...} reads the state's input, {@code $$...} the context object.
   *
   * @param path the path as written, e.g. {@code $.a.b}, {@code $} or {@code $$.Execution.Id}
   */
  record JsonPathArgument(String path) implements IntrinsicArgument {
    public JsonPathArgument {
      Objects.requireNonNull(path, "path");
    }

    /** Whether it reads the context object rather than the input. */
    public boolean readsContext() {
      return path.startsWith("$$");
    }
  }

  /**
   * A workflow variable, optionally followed by a path into its value, e.g. {@code $total} or
   * {@code $order.items[0]}.
   *
   * @param name the variable's name, without the {@code $}
   * @param path the path into the variable's value, {@code $} for the whole value
   */
  record VariableArgument(String name, String path) implements IntrinsicArgument {
    public VariableArgument {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
    }

    /** The reference as written, e.g. {@code $order.items[0]}. */
    public String reference() {
      return "$" + name + path.substring(1);
    }
  }
}
