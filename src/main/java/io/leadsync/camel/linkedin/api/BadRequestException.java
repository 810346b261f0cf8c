package io.leadsync.camel.linkedin.api;

/** 400: LinkedIn rejected the syntax or a parameter of the call. Not retried: the call must change. */
public class BadRequestException extends LinkedInApiException {

    private final String parameter;

    public BadRequestException(ApiError error, String parameter) {
        super((parameter == null ? "LinkedIn rejected the request" : "LinkedIn rejected parameter `" + parameter + "`")
                + suffix(error.message()), error);
        this.parameter = parameter;
    }

    /** The parameter LinkedIn named, or {@code null} when it named none. */
    public String parameter() {
        return parameter;
    }
}
