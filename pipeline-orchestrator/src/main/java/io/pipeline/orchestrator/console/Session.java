package io.pipeline.orchestrator.console;

import java.time.Instant;

/**
 * A console user's session, as its token carries it.
 *
 * @param user who signed in
 * @param expiresAt when the session ends
 */
record Session(String user, Instant expiresAt) {}
