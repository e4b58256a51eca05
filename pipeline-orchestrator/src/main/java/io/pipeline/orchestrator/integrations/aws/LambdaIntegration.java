package io.pipeline.orchestrator.integrations.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipeline.orchestrator.integrations.Integration;
import io.pipeline.orchestrator.integrations.IntegrationCall;
import io.pipeline.orchestrator.integrations.TaskFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * AWS Lambda as Task states call it, through the AWS SDK's asynchronous client:
 *
 * <ul>
 *   <li>{@code arn:aws:states:::lambda:invoke}, with the parameters {@code FunctionName}, {@code
 *       Payload}, {@code InvocationType}, {@code Qualifier}, {@code ClientContext} (and {@code
 *       LogType}); the result is Lambda's answer as Step Functions gives it ({@code Payload},
 *       {@code StatusCode}, {@code ExecutedVersion}, {@code SdkHttpMetadata}, {@code
 *       SdkResponseMetadata});
 *   <li>a function's ARN as the resource ({@code arn:aws:lambda:us-east-1:123456789012:function:f},
 *       with or without a version or alias): the task's input is the payload and its result the
 *       function's answer alone.
 * </ul>
 *
 * <p>A function's error fails the task with the error's {@code errorType} as the error and the
 * error payload as the cause; Lambda's own errors are {@code Lambda.<ErrorCode>} (e.g. {@code
 * Lambda.ResourceNotFoundException}); an unreachable endpoint is {@code Lambda.SdkClientException}.
 * Without {@link LambdaIntegrationConfig#ENDPOINT} every Lambda task fails with {@code
 * States.TaskFailed}, its cause naming that setting.
 */
public final class LambdaIntegration implements Integration, AutoCloseable {

  private static final Pattern INVOKE = Pattern.compile("arn:aws[a-z-]*:states:::lambda:invoke");
  private static final Pattern FUNCTION =
      Pattern.compile(
          "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,140}(:[A-Za-z0-9_$-]{1,128})?");

  private final Optional<LambdaAsyncClient> lambda;

  private LambdaIntegration(Optional<LambdaAsyncClient> lambda) {
    this.lambda = lambda;
  }

  /**
   * An integration that invokes functions through this client; closing the integration closes the
   * client.
   */
  public static LambdaIntegration using(LambdaAsyncClient lambda) {
    return new LambdaIntegration(Optional.of(lambda));
  }

  /**
   * An integration for these settings: with a client when {@link
   * LambdaIntegrationConfig#configured()}, otherwise one whose tasks fail naming the setting.
   */
  public static LambdaIntegration create(LambdaIntegrationConfig config) {
    return config.configured() ? using(config.newClient()) : notConfigured();
  }

  /** An integration whose every task fails, its cause naming the setting that is missing. */
  public static LambdaIntegration notConfigured() {
    return new LambdaIntegration(Optional.empty());
  }

  @Override
  public boolean serves(String resource) {
    return INVOKE.matcher(resource).matches() || FUNCTION.matcher(resource).matches();
  }

  @Override
  public CompletableFuture<JsonNode> call(IntegrationCall call) {
    if (!serves(call.resource())) {
      throw new IllegalArgumentException("Not a Lambda task resource: " + call.resource());
    }
    if (lambda.isEmpty()) {
      return CompletableFuture.failedFuture(
          new TaskFailure(
              "States.TaskFailed",
              "Lambda tasks are not configured on this orchestrator: set "
                  + LambdaIntegrationConfig.ENDPOINT.name()
                  + " to the URL of the Lambda API (e.g. https://lambda.us-east-1.amazonaws.com)"
                  + " to run "
                  + call.resource()));
    }
    if (INVOKE.matcher(call.resource()).matches()) {
      if (!call.parameters().isObject()) {
        return CompletableFuture.failedFuture(
            AwsFailures.invalidParameters(
                call.parameters(), List.of("The parameters must be a JSON object")));
      }
      List<String> problems = new ArrayList<>();
      InvokeRequest request = LambdaInvocation.request(call.parameters(), problems);
      if (!problems.isEmpty()) {
        return CompletableFuture.failedFuture(
            AwsFailures.invalidParameters(call.parameters(), problems));
      }
      return invoke(request, LambdaInvocation::result);
    }
    return invoke(
        LambdaInvocation.request(call.resource(), call.parameters()), LambdaInvocation::answer);
  }

  private CompletableFuture<JsonNode> invoke(
      InvokeRequest request, Function<InvokeResponse, JsonNode> result) {
    CompletableFuture<InvokeResponse> sent;
    try {
      sent = lambda.orElseThrow().invoke(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(AwsFailures.lambda(e));
    }
    return AwsFailures.mapped(
        sent.thenApply(
            response -> {
              Optional<TaskFailure> failure = LambdaInvocation.functionError(response);
              if (failure.isPresent()) {
                throw failure.get();
              }
              return result.apply(response);
            }),
        AwsFailures::lambda);
  }

  @Override
  public void close() {
    lambda.ifPresent(LambdaAsyncClient::close);
  }
}
