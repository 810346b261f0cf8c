package io.leadsync.camel.linkedin.auth;

/**
 * LinkedIn's OAuth endpoints refused a request or could not be reached. Carries LinkedIn's {@code error} and
 * {@code error_description} and the HTTP status; never a code, token or client secret.
 */
public class OAuthException extends RuntimeException {

    /** {@code error} value used when the endpoint could not be reached at all. */
    public static final String TRANSPORT_ERROR = "transport_error";
    /** {@code error} value used when a callback's {@code state} is unknown, expired or already used. */
    public static final String INVALID_STATE = "invalid_state";

    private final String error;
    private final String errorDescription;
    private final int status;

    /**
     * @param operation        what was attempted, e.g. {@code "refresh_token grant"}
     * @param status           HTTP status, or 0 when no response arrived
     * @param error            LinkedIn's {@code error}, e.g. {@code invalid_grant}
     * @param errorDescription LinkedIn's {@code error_description}, already stripped of secrets, or {@code null}
     * @param cause            the underlying failure, or {@code null}
     */
    public OAuthException(String operation, int status, String error, String errorDescription, Throwable cause) {
        super(message(operation, status, error, errorDescription), cause);
        this.error = error;
        this.errorDescription = errorDescription;
        this.status = status;
    }

    /** LinkedIn's {@code error} (e.g. {@code invalid_grant}, {@code invalid_client}) or {@link #TRANSPORT_ERROR}. */
    public String error() {
        return error;
    }

    /** LinkedIn's {@code error_description}, or {@code null}. */
    public String errorDescription() {
        return errorDescription;
    }

    /** The HTTP status, or 0 when LinkedIn could not be reached. */
    public int status() {
        return status;
    }

    /** Whether the grant itself is dead (expired, revoked, reused code): only a new authorization helps. */
    public boolean isInvalidGrant() {
        return false;
    }

    /** Whether trying again later may succeed: LinkedIn could not be reached, or answered 429 or a 5xx. */
    public boolean isTransient() {
        return TRANSPORT_ERROR.equals(error) || status == 429 || status >= 500;
    }

    private static String message(String operation, int status, String error, String description) {
        StringBuilder sb = new StringBuilder("LinkedIn OAuth ").append(operation).append(" failed");
        if (status > 0) {
            sb.append(" with HTTP ").append(status);
        }
        if (error != null) {
            sb.append(": ").append(error);
        }
        if (description != null && !description.isBlank()) {
            sb.append(" (").append(description).append(')');
        }
        return sb.toString();
    }
}
