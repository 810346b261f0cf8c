package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.auth.OAuthToken;
import io.leadsync.camel.linkedin.auth.TokenManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect flow (issue 4 §2, LGF-001) in a real browser: headless Chromium opens /connect, meets the sandbox's
 * consent page, clicks Allow or Cancel, and lands on the app's callback page. The app starts with an empty token
 * store, the sandbox's consent page shown (no auto-approve) and no automatic connection.
 */
class ConnectFlowBrowserTest {

    private static final List<String> SCOPES = List.of("r_marketing_leadgen_automation", "r_ads", "r_organization_admin", "r_events",
            "rw_dmp_segments", "openid", "profile");

    @TempDir
    Path dataDir;
    @TempDir
    Path browserProfile;

    private LeadSyncApp app;
    private HeadlessChromium chromium;

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.EXECUTABLE),
                "No " + HeadlessChromium.EXECUTABLE + ": install Debian's chromium package to run the browser test (CI does)");
        app = LeadSyncApp.start(dataDir, List.of("connect.yaml"),
                Map.of("leadsync.sandbox.auto-approve", "false", "leadsync.sandbox.auto-connect", "false"));
        assertThat(tokenFile()).doesNotExist();
        assertThat(tokens().status().connected()).isFalse();
        chromium = HeadlessChromium.start(browserProfile);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (app != null) {
                app.close();
            }
        }
    }

    @Test
    void allowOnLinkedInsConsentPageConnectsAndStoresTheGrantEncrypted() throws Exception {
        String consent = openConsentPage();

        assertThat(consent).contains("would like to access your LinkedIn account").contains("Signed in as Dana Reyes");
        assertThat(consent).contains(SCOPES);
        chromium.evaluate("document.querySelector('button[value=allow]').click()");

        String callback = chromium.awaitText(url -> url.contains("/oauth/callback"), text -> text.contains("Connected"));
        assertThat(callback).contains("Connected to LinkedIn as Dana Reyes").contains("The access token is valid for");
        assertThat(tokenFile()).exists();
        assertThat(tokens().status().connected()).isTrue();
        OAuthToken grant = app.storedToken();
        assertThat(grant.scopes()).containsAll(SCOPES);
        // the token file is encrypted, and the page shows no token
        assertThat(Files.readString(tokenFile(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(grant.accessToken());
        assertThat(callback).doesNotContain(grant.accessToken()).doesNotContain(grant.refreshToken());
    }

    @Test
    void cancelOnLinkedInsConsentPageStoresNothing() throws Exception {
        openConsentPage();
        chromium.evaluate("document.querySelector('button[value=cancel]').click()");

        String callback = chromium.awaitText(url -> url.contains("/oauth/callback"), text -> text.contains("Not connected"));
        assertThat(callback).contains("LinkedIn did not grant access (user_cancelled_login). Nothing was stored.");
        assertThat(tokenFile()).doesNotExist();
        assertThat(tokens().status().connected()).isFalse();
    }

    /** Opens /connect on the app; returns the text of the sandbox's consent page it leads to. */
    private String openConsentPage() throws Exception {
        // the operator signs in (basic credentials in the URL) on the host of the redirect URI, where the consent
        // cookie must come back
        chromium.navigate(app.baseUrl().replace("http://127.0.0.1:", "http://admin:" + LeadSyncApp.ADMIN_PASSWORD + "@localhost:") + "/connect");
        String page = chromium.awaitText(url -> url.startsWith(app.sandbox().oauthBaseUrl() + "/authorization"),
                text -> text.contains("Allow"));
        assertThat(chromium.evaluate("document.querySelectorAll('ul.scopes li').length")).isEqualTo(Integer.toString(SCOPES.size()));
        return page;
    }

    private Path tokenFile() {
        return dataDir.resolve("tokens.enc");
    }

    private TokenManager tokens() {
        return app.camel().getRegistry().lookupByNameAndType("tokenManager", TokenManager.class);
    }
}
