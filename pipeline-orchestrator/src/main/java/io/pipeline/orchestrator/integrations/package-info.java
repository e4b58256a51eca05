/**
 * Task integrations: the services Task states call (HTTP, S3, Lambda...), each an {@link
 * io.pipeline.orchestrator.integrations.Integration}. Calls run after the Kafka transaction that
 * decided them commits and report back to the execution as commands.
 */
package io.pipeline.orchestrator.integrations;
