package io.leadsync.camel.linkedin.api;

/**
 * What LinkedIn said about a failed call: its error body ({@code status, serviceErrorCode, code, message}), the
 * request id from the response headers, and which call it was. Never a token, never more of the body than
 * LinkedIn's message.
 *
 * @param status           the HTTP status
 * @param serviceErrorCode LinkedIn's numeric error code, or {@code null}
 * @param code             LinkedIn's symbolic code ({@code ILLEGAL_ARGUMENT}, …), or {@code null}
 * @param message          LinkedIn's message, or {@code null}
 * @param requestId        {@code x-li-uuid} (else {@code x-restli-id}), or {@code null}
 * @param method           the HTTP method of the call (before any query tunneling)
 * @param path             the path of the call, without its query
 */
public record ApiError(int status, Integer serviceErrorCode, String code, String message, String requestId, String method,
        String path) {

    /** {@code HTTP 403 ACCESS_DENIED, serviceErrorCode 100, GET /rest/leadForms, request id …}. */
    public String describe() {
        StringBuilder out = new StringBuilder("HTTP ").append(status);
        if (code != null) {
            out.append(' ').append(code);
        }
        if (serviceErrorCode != null) {
            out.append(", serviceErrorCode ").append(serviceErrorCode);
        }
        out.append(", ").append(method).append(' ').append(path);
        if (requestId != null) {
            out.append(", request id ").append(requestId);
        }
        return out.toString();
    }
}
