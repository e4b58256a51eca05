package io.pipeline.orchestrator.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a SigV4 {@code Authorization} header: {@code AWS4-HMAC-SHA256
 * Credential=AKID/20261126/us-east-1/states/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=...}.
 *
 * @param accessKeyId who signed
 * @param scopeDate the credential scope's day, {@code yyyyMMdd}
 * @param region the credential scope's region
 * @param service the credential scope's service
 * @param terminator the credential scope's last part, {@code aws4_request}
 * @param signedHeaders the names of the signed headers, lower case, in the order given
 * @param signature the signature, hexadecimal
 */
record SigV4Authorization(
    String accessKeyId,
    String scopeDate,
    String region,
    String service,
    String terminator,
    List<String> signedHeaders,
    String signature) {

  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private static final List<String> PARAMETERS =
      List.of("Credential", "Signature", "SignedHeaders");

  SigV4Authorization {
    signedHeaders = List.copyOf(signedHeaders);
  }

  /**
   * Reads an {@code Authorization} header.
   *
   * @throws ApiException {@code IncompleteSignatureException} naming what is missing or malformed
   */
  static SigV4Authorization parse(String header) {
    String text = header.trim();
    int space = text.indexOf(' ');
    String algorithm = space < 0 ? text : text.substring(0, space);
    if (!ALGORITHM.equals(algorithm)) {
      throw incomplete(
          "Authorization header's algorithm must be " + ALGORITHM + ", not '" + algorithm + "'.");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String rest = space < 0 ? "" : text.substring(space + 1);
    for (String part : rest.split(",")) {
      int equals = part.indexOf('=');
      if (equals > 0) {
        parameters.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : PARAMETERS) {
      if (parameters.getOrDefault(name, "").isEmpty()) {
        missing.add("Authorization header requires '" + name + "' parameter.");
      }
    }
    if (!missing.isEmpty()) {
      throw incomplete(String.join(" ", missing) + " Authorization=" + text);
    }
    String credential = parameters.get("Credential");
    String[] scope = credential.split("/", -1);
    if (scope.length != 5 || scope[0].isEmpty()) {
      throw incomplete(
          "Authorization header's Credential must be <access key id>/<yyyyMMdd>/<region>/"
              + "<service>/aws4_request, not '"
              + credential
              + "'.");
    }
    List<String> signed = List.of(parameters.get("SignedHeaders").split(";", -1));
    for (String required : List.of("host", "x-amz-date")) {
      if (!signed.contains(required)) {
        throw incomplete(
            "'"
                + required
                + "' must be a 'SignedHeader' in the AWS Authorization, SignedHeaders="
                + parameters.get("SignedHeaders"));
      }
    }
    return new SigV4Authorization(
        scope[0], scope[1], scope[2], scope[3], scope[4], signed, parameters.get("Signature"));
  }

  static ApiException incomplete(String message) {
    return new ApiException("IncompleteSignatureException", message);
  }
}
