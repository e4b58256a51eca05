/**
 * The web console, served by the orchestrator under {@code /console} of the API's port ({@link
 * io.pipeline.orchestrator.console.ConsoleHandler}): the front end built by the {@code
 * pipeline-console} module, sign-in for configured users ({@link
 * io.pipeline.orchestrator.console.ConsoleConfig}) with stateless HMAC-signed session tokens, and a
 * bridge that runs the Step Functions API's actions for a signed-in user, so the browser holds no
 * AWS secret (see docs/decisions/0035-console.md).
 */
package io.pipeline.orchestrator.console;
