package io.leadsync.app;

/**
 * A setting that keeps the app from starting safely. Its message is one line naming the setting and what to do; the
 * app prints it and exits non-zero, without a stack trace, since the fix is in the operator's configuration.
 */
final class StartupRefusedException extends RuntimeException {

    StartupRefusedException(String message) {
        super(message, null, false, false);
    }
}
