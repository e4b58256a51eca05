/**
 * Task integrations with AWS services through the AWS SDK's asynchronous clients: S3 as Step
 * Functions' AWS SDK integration ({@link io.pipeline.orchestrator.integrations.aws.S3Integration})
 * and Lambda's Invoke ({@link io.pipeline.orchestrator.integrations.aws.LambdaIntegration}), each
 * with its settings. Parameters, results and failures follow Step Functions' names, so Retry and
 * Catch written for AWS work unchanged. A Distributed Map's {@code ItemReader} ({@link
 * io.pipeline.orchestrator.integrations.aws.S3ItemReader}) and {@code ResultWriter} ({@link
 * io.pipeline.orchestrator.integrations.aws.S3ResultWriter}) share the S3 integration's client.
 */
package io.pipeline.orchestrator.integrations.aws;
