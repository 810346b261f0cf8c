package io.leadsync.sandbox;

/**
 * An error the sandbox answers the way LinkedIn does:
 * {@code {"status":…,"serviceErrorCode":…,"code":"…","message":"…"}} with the HTTP status {@link #status()}.
 */
public class SandboxApiError extends RuntimeException {

    private final int status;
    private final Integer serviceErrorCode;
    private final String code;
    private final Integer retryAfterSeconds;

    public SandboxApiError(int status, Integer serviceErrorCode, String code, String message) {
        this(status, serviceErrorCode, code, message, null);
    }

    public SandboxApiError(int status, Integer serviceErrorCode, String code, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.serviceErrorCode = serviceErrorCode;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static SandboxApiError badRequest(String message) {
        return new SandboxApiError(400, 100, "ILLEGAL_ARGUMENT", message);
    }

    public static SandboxApiError notFound(String message) {
        return new SandboxApiError(404, 0, "RESOURCE_NOT_FOUND", message);
    }

    public int status() {
        return status;
    }

    /** LinkedIn's numeric error code, or {@code null} when LinkedIn sends none. */
    public Integer serviceErrorCode() {
        return serviceErrorCode;
    }

    /** LinkedIn's symbolic code (e.g. {@code ILLEGAL_ARGUMENT}), or {@code null}. */
    public String code() {
        return code;
    }

    /** Seconds for a {@code Retry-After} header on a 429, or {@code null} for none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
