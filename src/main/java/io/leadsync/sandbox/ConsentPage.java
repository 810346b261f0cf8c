package io.leadsync.sandbox;

import java.util.Collection;

/** The HTML of the OAuth consent screen (the page a member sees on linkedin.com/oauth/v2/authorization). */
final class ConsentPage {

    private ConsentPage() {
    }

    static String render(String appName, String memberName, Collection<String> scopes, String requestId) {
        StringBuilder items = new StringBuilder();
        for (String scope : scopes) {
            items.append("      <li><code>").append(escape(scope)).append("</code></li>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>LinkedIn sandbox: authorize "
                + escape(appName) + "</title></head>\n<body>\n"
                + "  <h1>" + escape(appName) + " would like to access your LinkedIn account</h1>\n"
                + "  <p>Signed in as <strong>" + escape(memberName) + "</strong></p>\n"
                + "  <p>This app will be able to:</p>\n  <ul class=\"scopes\">\n" + items + "  </ul>\n"
                + "  <form method=\"post\" action=\"/oauth/v2/authorization/decision\">\n"
                + "    <input type=\"hidden\" name=\"request_id\" value=\"" + escape(requestId) + "\">\n"
                + "    <button type=\"submit\" name=\"decision\" value=\"cancel\">Cancel</button>\n"
                + "    <button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button>\n"
                + "  </form>\n</body>\n</html>\n";
    }

    static String error(String title, String message) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head>\n<body><h1>" + escape(title) + "</h1><p>" + escape(message) + "</p></body>\n</html>\n";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
