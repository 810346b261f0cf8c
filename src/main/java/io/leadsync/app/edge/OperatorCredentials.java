package io.leadsync.app.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;

/**
 * The operator's credentials as a Vert.x {@link AuthenticationProvider}: HTTP basic with {@code LEADSYNC_ADMIN_PASSWORD}
 * (user {@code leadsync.admin.user}, default {@code admin}) and/or a bearer token {@code LEADSYNC_ADMIN_TOKEN}. Either
 * may be absent, never both. Comparisons are constant-time, so a guess learns nothing from the answer's timing.
 */
public final class OperatorCredentials implements AuthenticationProvider {

    private final String user;
    private final byte[] password;
    private final byte[] token;

    /**
     * @param user     the basic-auth user name
     * @param password the basic-auth password, or null when only the token is accepted
     * @param token    the bearer token, or null when only the password is accepted
     */
    public OperatorCredentials(String user, String password, String token) {
        this.user = Objects.requireNonNull(user, "user");
        if (blank(password) && blank(token)) {
            throw new IllegalArgumentException("an operator password or token is required");
        }
        this.password = blank(password) ? null : password.getBytes(StandardCharsets.UTF_8);
        this.token = blank(token) ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** The basic-auth user name. */
    public String user() {
        return user;
    }

    @Override
    public Future<User> authenticate(Credentials credentials) {
        if (credentials instanceof UsernamePasswordCredentials basic && password != null
                && matches(user.getBytes(StandardCharsets.UTF_8), basic.getUsername()) & matches(password, basic.getPassword())) {
            return Future.succeededFuture(User.fromName(user));
        }
        if (credentials instanceof TokenCredentials bearer && token != null && matches(token, bearer.getToken())) {
            return Future.succeededFuture(User.fromName("token"));
        }
        return Future.failedFuture("operator credentials required");
    }

    @Override
    public void authenticate(JsonObject credentials, Handler<AsyncResult<User>> resultHandler) {
        // the JSON form is Vert.x's deprecated entry point: basic credentials as {"username","password"}
        authenticate(new UsernamePasswordCredentials(credentials)).onComplete(resultHandler);
    }

    private static boolean matches(byte[] expected, String given) {
        return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "OperatorCredentials[user=" + user + ", password=" + (password == null ? "none" : "***") + ", token="
                + (token == null ? "none" : "***") + "]";
    }
}
