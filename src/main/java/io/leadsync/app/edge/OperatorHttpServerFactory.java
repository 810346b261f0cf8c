package io.leadsync.app.edge;

import java.time.Clock;
import java.util.Set;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.BasicAuthHandler;
import io.vertx.ext.web.handler.ChainAuthHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.main.HttpServerConfigurationProperties;

/**
 * camel-main's HTTP server with the app's edge rules, through platform-http's own authentication hook: camel-main
 * looks a {@code MainHttpServerFactory} bean up in the registry before its default one, and every
 * {@link AuthenticationConfig} entry becomes a Vert.x handler in front of the routes. One entry on {@code /*} holds
 * the {@link OperatorGate}: the public paths pass, everything else needs HTTP basic or a bearer token
 * ({@link OperatorCredentials}, checked by Vert.x's {@link BasicAuthHandler} and {@link SimpleAuthenticationHandler}).
 * The management server (health, metrics) is left to camel-main: it binds loopback.
 */
public final class OperatorHttpServerFactory extends DefaultMainHttpServerFactory {

    /** The realm browsers show in their sign-in prompt. */
    static final String REALM = "LeadSync operator";

    private final Set<String> publicPaths;
    private final OperatorCredentials credentials;
    private final RefusalLog refusals;

    /**
     * @param publicPaths the exact paths anyone may call (the webhook, the OAuth callback)
     * @param credentials what an operator signs in with
     */
    public OperatorHttpServerFactory(Set<String> publicPaths, OperatorCredentials credentials) {
        this.publicPaths = Set.copyOf(publicPaths);
        this.credentials = credentials;
        this.refusals = new RefusalLog(Clock.systemUTC());
    }

    @Override
    public Service newHttpServer(CamelContext camelContext, HttpServerConfigurationProperties configuration) {
        MainHttpServer server = (MainHttpServer) super.newHttpServer(camelContext, configuration);
        long maxBodySize = server.getMaxBodySize() != null ? server.getMaxBodySize() : Long.MAX_VALUE;
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> credentials);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return new OperatorGate(publicPaths, operatorCredentials(provider), refusals, maxBodySize);
            }
        });
        server.getConfiguration().getAuthenticationConfig().getEntries().add(entry);
        server.getConfiguration().getAuthenticationConfig().setEnabled(true);
        try {
            camelContext.addStartupListener(new EdgeStartup(server, publicPaths, refusals, maxBodySize));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot register the app's HTTP edge with the context", e);
        }
        return server;
    }

    private static AuthenticationHandler operatorCredentials(AuthenticationProvider provider) {
        SimpleAuthenticationHandler bearer = SimpleAuthenticationHandler.create().authenticate(ctx -> {
            String header = ctx.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return io.vertx.core.Future.failedFuture(new HttpException(401));
            }
            return provider.authenticate(new TokenCredentials(header.substring(7).trim()))
                    .recover(e -> io.vertx.core.Future.failedFuture(new HttpException(401)));
        });
        // basic first: its WWW-Authenticate challenge is what makes a browser show the sign-in prompt
        return ChainAuthHandler.any().add(BasicAuthHandler.create(provider, REALM)).add(bearer);
    }
}
