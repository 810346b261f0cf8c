package io.leadsync.camel.linkedin.auth;

/**
 * Told when the member must go through LinkedIn's consent screen again (LGF-004, LGF-006): e.g. to alert an operator
 * with the authorization URL or to mark a readiness check DOWN. Called once per distinct failure, not once per caller
 * that hits it.
 */
@FunctionalInterface
public interface ReauthorizationListener {

    /**
     * @param event the reason and a fresh authorization URL (never a token)
     */
    void reauthorizationRequired(ReauthorizationRequiredException event);
}
