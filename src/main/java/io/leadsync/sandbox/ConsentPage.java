package io.leadsync.sandbox;

import java.util.Collection;

import io.leadsync.sandbox.campaignmanager.Html;
import io.leadsync.sandbox.campaignmanager.Scopes;

/**
 * The HTML of the OAuth consent screen (the page a member sees on linkedin.com/oauth/v2/authorization), in the look
 * of the sandbox's Campaign Manager, each scope with what it lets the app do in plain words.
 */
final class ConsentPage {

    private ConsentPage() {
    }

    static String render(String appName, String memberName, Collection<String> scopes, String requestId) {
        StringBuilder items = new StringBuilder();
        for (String scope : scopes) {
            items.append("      <li><code>").append(escape(scope)).append("</code><br><span>").append(escape(Scopes.explain(scope)))
                    .append("</span></li>\n");
        }
        String body = "<section class=\"card\" style=\"max-width:40rem\">\n"
                + "  <h1>" + escape(appName) + " would like to access your LinkedIn account</h1>\n"
                + "  <p>Signed in as <strong>" + escape(memberName) + "</strong></p>\n"
                + "  <h2>This app will be able to:</h2>\n  <ul class=\"scopes plain\">\n" + items + "  </ul>\n"
                + "  <p class=\"muted\">You can remove this app's access at any time in your LinkedIn settings; it then gets nothing more.</p>\n"
                + "  <form method=\"post\" action=\"/oauth/v2/authorization/decision\" class=\"actions\">\n"
                + "    <input type=\"hidden\" name=\"request_id\" value=\"" + escape(requestId) + "\">\n"
                + "    <button type=\"submit\" class=\"secondary\" name=\"decision\" value=\"cancel\">Cancel</button>\n"
                + "    <button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
                + "  </form>\n</section>\n";
        return shell("LinkedIn sandbox: authorize " + appName, body);
    }

    static String error(String title, String message) {
        return shell(title, "<section class=\"card\"><h1>" + escape(title) + "</h1><p>" + escape(message) + "</p></section>");
    }

    private static String shell(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title><style>" + Html.CSS + "</style></head>\n<body>\n"
                + "<header class=\"top\"><span><span class=\"logo\">in</span><strong>LinkedIn</strong></span><span class=\"muted\">sandbox</span></header>\n"
                + "<main>\n" + body + "</main>\n</body>\n</html>\n";
    }

    static String escape(String s) {
        return Html.esc(s);
    }
}
