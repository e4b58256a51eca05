package io.pipeline.orchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipeline.asl.parse.DefinitionParser;
import io.pipeline.orchestrator.machines.InvalidDefinitionException;
import io.pipeline.orchestrator.machines.InvalidNameException;
import io.pipeline.orchestrator.machines.StateMachineAlreadyExistsException;
import io.pipeline.orchestrator.runtime.RuntimeUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of an action, for each door to {@link StepFunctionsActions}: a request's body read
 * without blocking and within a limit, and the answer written as Step Functions writes it, JSON
 * with status 200, or an error with its status and {@code {"__type": "<ErrorName>", "message":
 * ...}}, which the AWS SDKs turn into their exception classes.
 */
public final class ApiExchange {

  private static final Logger log = LoggerFactory.getLogger(ApiExchange.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A definition may be 1 MiB; the rest of a request is small. */
  public static final int MAX_BODY = DefinitionParser.MAX_DEFINITION_BYTES + 64 * 1024;

  /** A larger body is not read to its end before it is refused: the connection is closed. */
  private static final int DISCARD_LIMIT = 16 * 1024 * 1024;

  private ApiExchange() {}

  /**
   * A request's body, refused with a {@code ValidationException} naming the limit when it is
   * larger. The rest of a larger body is still read, and dropped, up to {@link #DISCARD_LIMIT}, so
   * the client, still sending, gets the answer instead of a broken connection.
   */
  public static CompletableFuture<byte[]> body(Request request, int max) {
    if (request.getLength() > DISCARD_LIMIT) {
      return CompletableFuture.failedFuture(tooLarge(request.getLength(), max));
    }
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    new Runnable() {
      private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
      private long total;

      @Override
      public void run() {
        while (true) {
          Content.Chunk chunk = request.read();
          if (chunk == null) {
            request.demand(this);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            result.completeExceptionally(chunk.getFailure());
            return;
          }
          ByteBuffer bytes = chunk.getByteBuffer();
          int size = bytes.remaining();
          total += size;
          if (total <= max) {
            byte[] copy = new byte[size];
            bytes.get(copy);
            kept.write(copy, 0, size);
          }
          boolean last = chunk.isLast();
          chunk.release();
          if (total > DISCARD_LIMIT) {
            result.completeExceptionally(tooLarge(total, max));
            return;
          }
          if (last) {
            if (total > max) {
              result.completeExceptionally(tooLarge(total, max));
            } else {
              result.complete(kept.toByteArray());
            }
            return;
          }
        }
      }
    }.run();
    return result;
  }

  private static ApiException tooLarge(long length, int max) {
    return new ApiException(
        "ValidationException",
        "The request body"
            + (length < 0 ? "" : " of " + length + " bytes")
            + " is larger than the "
            + max
            + " bytes a request may have");
  }

  /**
   * Writes an action's answer once it is there: its JSON, or the Step Functions error its failure
   * stands for; a failure that stands for none is logged and answered as {@code ServiceException}.
   *
   * @param contentType the answer's content type
   */
  public static void respond(
      String action,
      Response response,
      Callback callback,
      String contentType,
      CompletableFuture<JsonNode> answer) {
    answer.whenComplete(
        (body, failure) -> {
          if (failure == null) {
            send(response, callback, contentType, 200, body);
          } else {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            ApiException error = errorOf(action, cause);
            ObjectNode errorBody = error(error.type(), error.getMessage());
            error.details().forEach(errorBody::put);
            send(response, callback, contentType, error.status(), errorBody);
          }
        });
  }

  /** Writes an error: {@code {"__type": type, "message": message}} with this status. */
  public static void sendError(
      Response response,
      Callback callback,
      String contentType,
      int status,
      String type,
      String message) {
    send(response, callback, contentType, status, error(type, message));
  }

  /** Writes a JSON answer with this status. */
  public static void send(
      Response response, Callback callback, String contentType, int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      callback.failed(e);
      return;
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static ApiException errorOf(String action, Throwable failure) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof InvalidDefinitionException invalid) {
      return new ApiException("InvalidDefinition", invalid.getMessage());
    }
    if (failure instanceof StateMachineAlreadyExistsException exists) {
      return new ApiException("StateMachineAlreadyExists", exists.getMessage());
    }
    if (failure instanceof InvalidNameException invalid) {
      return new ApiException("InvalidName", invalid.getMessage());
    }
    if (failure instanceof RuntimeUnavailableException unavailable) {
      return new ApiException("ServiceUnavailable", unavailable.getMessage(), 503);
    }
    if (failure instanceof TimeoutException) {
      return new ApiException(
          "ServiceUnavailable",
          action
              + ": the Standard runtime gave no verdict in time; try again (the command may"
              + " have been applied)",
          503);
    }
    log.error("{} failed", action, failure);
    return new ApiException("ServiceException", action + " failed: " + failure.getMessage(), 500);
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("message", message);
    return body;
  }
}
