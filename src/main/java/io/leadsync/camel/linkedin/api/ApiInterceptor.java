package io.leadsync.camel.linkedin.api;

/**
 * One cross-cutting step around every call (authentication, retries, error mapping), in the manner of OkHttp's
 * interceptors: it may rewrite the request, proceed down the chain (more than once to replay), and inspect or throw.
 */
@FunctionalInterface
public interface ApiInterceptor {

    /** Handles {@code chain.request()}, normally by returning {@code chain.proceed(request)}. */
    ApiResponse intercept(Chain chain);

    /** The rest of the chain, ending with the HTTP exchange itself. */
    interface Chain {

        /** The request as this interceptor received it. */
        ApiRequest request();

        /** Sends {@code request} through the following interceptors and the network; may be called again to replay. */
        ApiResponse proceed(ApiRequest request);
    }
}
