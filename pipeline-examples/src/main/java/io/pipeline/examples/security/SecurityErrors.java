package io.pipeline.examples.security;

/** The error names the policy service fails tasks with, for the workflow's Retry and Catch. */
public final class SecurityErrors {

  /** The task's input lacks what the service needs, or names an unknown policy. */
  public static final String INVALID_REQUEST = "Security.InvalidRequest";

  /** The policy store did not answer in time: worth retrying. */
  public static final String UNAVAILABLE = "Security.Unavailable";

  private SecurityErrors() {}
}
