package io.leadsync.camel.linkedin.api;

/**
 * LinkedIn answered a call with an error status. Subclasses say what the caller can do about it. The message carries
 * the status, LinkedIn's code and message, the request id and the call's method and path; never a token or a body.
 */
public class LinkedInApiException extends RuntimeException {

    private final transient ApiError error;

    public LinkedInApiException(ApiError error) {
        this("LinkedIn answered with an error" + suffix(error.message()), error);
    }

    protected LinkedInApiException(String summary, ApiError error) {
        super(summary + " (" + error.describe() + ")");
        this.error = error;
    }

    /** ": message" when LinkedIn gave one. */
    protected static String suffix(String linkedInMessage) {
        return linkedInMessage == null || linkedInMessage.isBlank() ? "" : ": " + linkedInMessage;
    }

    public ApiError error() {
        return error;
    }

    public int status() {
        return error.status();
    }

    public Integer serviceErrorCode() {
        return error.serviceErrorCode();
    }

    public String code() {
        return error.code();
    }

    /** LinkedIn's own message, or {@code null}. */
    public String linkedInMessage() {
        return error.message();
    }

    public String requestId() {
        return error.requestId();
    }

    public String method() {
        return error.method();
    }

    public String path() {
        return error.path();
    }
}
