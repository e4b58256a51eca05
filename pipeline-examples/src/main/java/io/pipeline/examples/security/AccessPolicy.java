package io.pipeline.examples.security;

/** The access policies a principal can have, from the most open to the strictest. */
public enum AccessPolicy {
  /** Full access: telemetry, commands and firmware updates. */
  STANDARD("telemetry, commands and firmware updates"),
  /** Telemetry only: commands and firmware updates are refused. */
  RESTRICTED("telemetry only; commands and firmware updates refused"),
  /** Quarantined: only the management channel stays open. */
  ISOLATED("management channel only");

  private final String grants;

  AccessPolicy(String grants) {
    this.grants = grants;
  }

  /** What the policy lets through, in words. */
  public String grants() {
    return grants;
  }

  /** The stricter of the two. */
  public AccessPolicy stricter(AccessPolicy other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
