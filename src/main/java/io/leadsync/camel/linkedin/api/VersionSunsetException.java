package io.leadsync.camel.linkedin.api;

/** 426: the {@code LinkedIn-Version} sent is retired or unknown. Not retried: the configuration must change. */
public class VersionSunsetException extends LinkedInApiException {

    private final String version;

    public VersionSunsetException(ApiError error, String version) {
        super("LinkedIn API version " + version + " is not active; set the " + LinkedInApiSettings.VERSION_SETTING
                + " to a current YYYYMM version" + suffix(error.message()), error);
        this.version = version;
    }

    /** The version that was sent. */
    public String version() {
        return version;
    }
}
