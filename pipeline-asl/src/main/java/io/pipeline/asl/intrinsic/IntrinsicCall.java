package io.pipeline.asl.intrinsic;

import java.util.List;
import java.util.Objects;

/**
 * A parsed intrinsic function call such as {@code States.Format('{}', $.name)}; its arguments may
 * be calls themselves. Build one with {@link Intrinsics#parse(String)}.
 *
 * @param function the function called
 * @param arguments the arguments in order
 * @param source the call's text as written; for the outermost call the whole expression, which AWS
 *     quotes in the cause of a failure
 */
public record IntrinsicCall(
    IntrinsicFunction function, List<IntrinsicArgument> arguments, String source)
    implements IntrinsicArgument {

  public IntrinsicCall {
    Objects.requireNonNull(function, "function");
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(source, "source");
  }
}
