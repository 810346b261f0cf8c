package io.leadsync.sandbox.campaignmanager;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sandbox's page shell: one small inline stylesheet in LinkedIn's colours (no CDN, no web font, works offline),
 * readable from a phone to a desktop, and HTML escaping. Shared by Campaign Manager and the consent page.
 */
public final class Html {

    /** The stylesheet of every sandbox page. */
    public static final String CSS = """
            :root{--blue:#0a66c2;--ink:#1d2226;--muted:#5e6b75;--line:#dfe3e8;--bg:#f3f2ef;--card:#fff;--ok:#057642;--warn:#915907;--bad:#b24020}
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
            header.top{background:var(--card);border-bottom:1px solid var(--line);padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
            header.top .logo{background:var(--blue);color:#fff;font-weight:700;border-radius:4px;padding:0 .35rem;margin-right:.4rem}
            header.top a{color:var(--ink);text-decoration:none;font-weight:600}
            header.top .who{margin-left:auto;color:var(--muted);font-size:.9rem}
            main{max-width:1100px;margin:0 auto;padding:1rem}
            h1{font-size:1.5rem;margin:.5rem 0 1rem}
            h2{font-size:1.15rem;margin:0 0 .75rem}
            h3{font-size:1rem;margin:1rem 0 .5rem}
            a{color:var(--blue)}
            a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #7fc1ff;outline-offset:2px}
            .card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem 1.25rem;margin:0 0 1rem}
            .crumbs{font-size:.9rem;color:var(--muted);margin:.25rem 0}
            .crumbs a{color:var(--muted)}
            .muted{color:var(--muted)}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;width:100%;font-size:.95rem}
            th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
            th{font-size:.8rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
            code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef3f8;border-radius:3px;padding:0 .25rem;word-break:break-all}
            .badge{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.8rem;font-weight:600;border:1px solid currentColor}
            .ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}
            .flash{border-left:4px solid var(--ok);background:#e6f4ea;padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem}
            .flash.error{border-color:var(--bad);background:#fbe9e6}
            button,.button{display:inline-block;font:inherit;font-weight:600;border-radius:999px;padding:.4rem 1.1rem;border:1px solid var(--blue);background:var(--blue);color:#fff;cursor:pointer;text-decoration:none}
            button.secondary,.button.secondary{background:#fff;color:var(--blue)}
            button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
            .actions{display:flex;gap:.6rem;flex-wrap:wrap;align-items:center;margin:.75rem 0 0}
            form.inline{display:inline}
            label{display:block;font-weight:600;margin:.75rem 0 .25rem}
            label.check,fieldset label{font-weight:400;display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}
            input[type=text],input[type=email],input[type=tel]{width:100%;max-width:32rem;font:inherit;padding:.45rem .6rem;border:1px solid #8c98a4;border-radius:4px}
            input[type=checkbox],input[type=radio]{width:1.1rem;height:1.1rem;margin-top:.2rem}
            fieldset{border:1px solid var(--line);border-radius:6px;margin:.75rem 0;padding:.5rem .9rem;max-width:32rem}
            legend{font-weight:600;padding:0 .3rem}
            .req{color:var(--bad)}
            dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
            dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
            ul.plain{list-style:none;padding:0;margin:0}
            ul.plain li{padding:.5rem 0;border-bottom:1px solid var(--line)}
            @media (max-width:640px){main{padding:.5rem}.card{padding:.75rem}h1{font-size:1.25rem}th,td{padding:.35rem .4rem}dl.kv{grid-template-columns:1fr}header.top .who{margin-left:0}}
            """;

    private Html() {
    }

    /** A whole page: the top bar, optional breadcrumbs (already HTML) and the body (already HTML). */
    public static String page(String title, String memberName, String crumbs, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " | Campaign Manager (LinkedIn sandbox)</title><style>" + CSS + "</style></head>\n<body>\n"
                + "<header class=\"top\"><a href=\"/campaignmanager/accounts\"><span class=\"logo\">in</span>Campaign Manager</a>"
                + "<span class=\"muted\">LinkedIn sandbox</span>"
                + (memberName == null ? "" : "<span class=\"who\">Signed in as " + esc(memberName) + "</span>") + "</header>\n"
                + "<main>" + (crumbs == null || crumbs.isEmpty() ? "" : "<nav class=\"crumbs\" aria-label=\"Breadcrumbs\">" + crumbs + "</nav>")
                + "<h1>" + esc(title) + "</h1>\n" + body + "</main>\n</body>\n</html>\n";
    }

    /** HTML-escapes text for element content and quoted attribute values; {@code null} is empty. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
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

    /** The first text of a LinkedIn {@code {"localized":{"en_US":"…"}}} value, or {@code fallback}. */
    public static String localized(JsonNode node, String fallback) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        Iterator<JsonNode> values = node.path("localized").elements();
        return values.hasNext() ? values.next().asText() : fallback;
    }

    /** A state as a coloured badge: green for live states, amber for paused or draft ones, red for ended ones. */
    public static String badge(String state) {
        String s = state == null ? "UNKNOWN" : state;
        String tone = switch (s) {
            case "ACTIVE", "PUBLISHED", "APPROVED" -> "ok";
            case "DRAFT", "PAUSED", "PENDING" -> "warn";
            default -> "bad";
        };
        return "<span class=\"badge " + tone + "\">" + esc(s) + "</span>";
    }
}
