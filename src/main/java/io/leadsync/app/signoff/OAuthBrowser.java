package io.leadsync.app.signoff;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's browser through the OAuth connect flow, one redirect at a time: the app's {@code /connect} (with
 * operator credentials) → LinkedIn's consent page (the sandbox's, listing the scopes) → "Allow" → the app's
 * {@code /oauth/callback} with the cookie {@code /connect} set. Nothing is short-cut: the app exchanges the code.
 */
final class OAuthBrowser {

    /**
     * What the browser saw.
     *
     * @param authorizationUrl where {@code /connect} sent the browser
     * @param requestedScopes  the {@code scope} parameter of that URL
     * @param consentScopes    the scopes the consent page lists
     * @param callbackStatus   the HTTP status of the app's callback page
     * @param callbackPage     the callback page's text
     */
    record Consent(String authorizationUrl, List<String> requestedScopes, List<String> consentScopes, int callbackStatus, String callbackPage) {
    }

    private static final Pattern SCOPE_ITEM = Pattern.compile("<li><code>([^<]+)</code>");
    private static final Pattern REQUEST_ID = Pattern.compile("name=\"request_id\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Consent connect(SignOffApp app) throws IOException, InterruptedException {
        HttpResponse<String> connect = app.http().get("/connect");
        if (connect.statusCode() != 302) {
            throw new Evidence.CheckFailed("GET /connect answered " + connect.statusCode() + ", not a redirect to LinkedIn");
        }
        String authorization = connect.headers().firstValue("Location").orElseThrow();
        String cookie = connect.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        List<String> requested = List.of(query(URI.create(authorization).getRawQuery()).getOrDefault("scope", "").split("[ ,]+"));

        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(authorization)).GET().build(), HttpResponse.BodyHandlers.ofString());
        List<String> listed = new ArrayList<>();
        Matcher items = SCOPE_ITEM.matcher(page.body());
        while (items.find()) {
            listed.add(items.group(1));
        }
        Matcher requestId = REQUEST_ID.matcher(page.body());
        if (page.statusCode() != 200 || !requestId.find()) {
            throw new Evidence.CheckFailed("LinkedIn's consent page did not show (HTTP " + page.statusCode() + ")");
        }
        URI decisionUrl = URI.create(authorization).resolve("/oauth/v2/authorization/decision");
        HttpResponse<String> decision = client.send(HttpRequest.newBuilder(decisionUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("request_id=" + URLEncoder.encode(requestId.group(1), StandardCharsets.UTF_8) + "&decision=allow"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String callback = decision.headers().firstValue("Location")
                .orElseThrow(() -> new Evidence.CheckFailed("Allow on the consent page answered " + decision.statusCode() + " without a redirect"));
        if (!callback.startsWith(app.baseUrl() + "/oauth/callback")) {
            throw new Evidence.CheckFailed("LinkedIn redirected to " + callback + ", not to the app's /oauth/callback");
        }
        HttpResponse<String> done = client.send(HttpRequest.newBuilder(URI.create(callback)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Consent(authorization, requested, listed, done.statusCode(), done.body().replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }
}
