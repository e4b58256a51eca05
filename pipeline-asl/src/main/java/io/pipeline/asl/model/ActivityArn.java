package io.pipeline.asl.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Activity ARNs: {@code arn:aws:states:<region>:<account>:activity:<name>}. */
public final class ActivityArn {

  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:activity:([A-Za-z0-9_-]{1,80})");

  private ActivityArn() {}

  /** The activity's name when the Task resource is an activity ARN. */
  public static Optional<String> name(String resource) {
    Matcher matcher = ARN.matcher(resource);
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
