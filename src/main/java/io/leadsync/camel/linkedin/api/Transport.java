package io.leadsync.camel.linkedin.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link ApiRequest}s through an ordered list of {@link ApiInterceptor}s (the first is the outermost) and then
 * over {@link HttpClient}. Adds the Rest.li headers every {@code /rest} call needs and tunnels a GET whose encoded
 * query exceeds {@value #MAX_QUERY_LENGTH} characters through a POST, as LinkedIn requires.
 */
public final class Transport {

    /** LinkedIn's longest query string; longer GETs are tunneled. */
    public static final int MAX_QUERY_LENGTH = 4000;
    /** The only Rest.li protocol version LinkedIn's versioned API speaks; without it LinkedIn falls back to 1.0. */
    public static final String RESTLI_PROTOCOL_VERSION = "2.0.0";

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    private final HttpClient httpClient;
    private final LinkedInApiSettings settings;
    private final List<ApiInterceptor> interceptors;

    public Transport(HttpClient httpClient, LinkedInApiSettings settings, List<ApiInterceptor> interceptors) {
        this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.interceptors = List.copyOf(interceptors);
    }

    /** Runs {@code request} through the interceptors and the network; throws what the interceptors throw. */
    public ApiResponse execute(ApiRequest request) {
        return new InterceptorChain(0, request).proceed(request);
    }

    /** The HTTP exchange itself, after every interceptor. */
    ApiResponse send(ApiRequest request) {
        HttpRequest httpRequest = toHttpRequest(request);
        LOG.debug("{} -> {}", request.describe(), httpRequest.method());
        try {
            HttpResponse<byte[]> response = httpClient.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
            LOG.debug("{} <- {}", request.describe(), response.statusCode());
            return new ApiResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new LinkedInTransportException(request.describe(), isConnectFailure(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for LinkedIn");
            interrupted.initCause(e);
            throw new LinkedInTransportException(request.describe(), false, interrupted);
        }
    }

    HttpRequest toHttpRequest(ApiRequest request) {
        String query = request.encodedQuery();
        boolean tunnel = "GET".equals(request.method()) && query.length() > MAX_QUERY_LENGTH;
        String url = settings.baseUrl(request.base()) + request.path() + (query.isEmpty() || tunnel ? "" : "?" + query);
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(url)).timeout(settings.readTimeout());
        request.headers().forEach(http::header);
        if (request.header("Accept") == null) {
            http.header("Accept", "application/json");
        }
        if (request.base() == ApiBase.REST) {
            http.header("LinkedIn-Version", settings.version());
            http.header("X-Restli-Protocol-Version", RESTLI_PROTOCOL_VERSION);
        }
        if (request.restLiMethod() != null) {
            http.header("X-RestLi-Method", request.restLiMethod());
        }
        if (tunnel) {
            http.header("X-HTTP-Method-Override", "GET");
            http.setHeader("Content-Type", "application/x-www-form-urlencoded");
            http.POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8));
        } else if ("POST".equals(request.method())) {
            http.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            http.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        return http.build();
    }

    private static boolean isConnectFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Walks the interceptors in order; past the last one, {@link #send} does the HTTP exchange. */
    private final class InterceptorChain implements ApiInterceptor.Chain {
        private final int index;
        private final ApiRequest request;

        InterceptorChain(int index, ApiRequest request) {
            this.index = index;
            this.request = request;
        }

        @Override
        public ApiRequest request() {
            return request;
        }

        @Override
        public ApiResponse proceed(ApiRequest next) {
            if (index == interceptors.size()) {
                return send(next);
            }
            return interceptors.get(index).intercept(new InterceptorChain(index + 1, next));
        }
    }
}
