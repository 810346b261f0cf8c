package io.leadsync.app.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The console's page shell: one small inline stylesheet (no CDN, no build step), readable at 1280×800 and on a phone,
 * visible keyboard focus, and HTML escaping and readable times.
 */
final class ConsoleHtml {

    static final String CSS = """
            :root{--ink:#16202a;--muted:#5b6770;--line:#d9dee3;--bg:#f6f7f9;--card:#fff;--accent:#1f5fbf;--ok:#0f7b3f;--warn:#8a5a00;--bad:#b3261e}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
            header.top{background:#10243e;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
            header.top a{color:#fff}
            header.top nav{display:flex;gap:.9rem;flex-wrap:wrap;font-size:.92rem}
            header.top strong{font-size:1.05rem}
            .skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;color:var(--ink);padding:.3rem .6rem;z-index:2}
            main{max-width:1240px;margin:0 auto;padding:1rem;display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,560px),1fr));gap:1rem;align-items:start}
            main>.wide{grid-column:1/-1}
            h1{font-size:1.35rem;margin:0}
            h2{font-size:1.08rem;margin:0 0 .6rem}
            h3{font-size:.98rem;margin:.8rem 0 .4rem}
            a{color:var(--accent)}
            a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
            section.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.9rem 1.1rem;min-width:0}
            .muted{color:var(--muted)}
            .scroll{overflow-x:auto}
            table{border-collapse:collapse;width:100%;font-size:.9rem}
            th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
            th{font-size:.75rem;text-transform:uppercase;letter-spacing:.03em;color:var(--muted)}
            code{font:.85em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef1f5;border-radius:3px;padding:0 .25rem;word-break:break-all}
            .badge{display:inline-block;border-radius:999px;padding:0 .5rem;font-size:.78rem;font-weight:600;border:1px solid currentColor;white-space:nowrap}
            .ok{color:var(--ok)}.warn{color:var(--warn)}.bad{color:var(--bad)}
            .flash{grid-column:1/-1;border-left:4px solid var(--ok);background:#e7f4ec;padding:.55rem .9rem;border-radius:4px}
            .flash.error{border-color:var(--bad);background:#fbeae9}
            button,.button{display:inline-block;font:inherit;font-weight:600;border-radius:6px;padding:.35rem .95rem;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;text-decoration:none}
            button.secondary,.button.secondary{background:#fff;color:var(--accent)}
            button.danger{background:var(--bad);border-color:var(--bad)}
            .actions{display:flex;gap:.6rem;flex-wrap:wrap;align-items:center;margin:.6rem 0 0}
            form.inline{display:inline}
            label.check{display:flex;gap:.5rem;align-items:flex-start;margin:.5rem 0}
            dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
            dl.kv dt{color:var(--muted)}dl.kv dd{margin:0}
            details{border-top:1px solid var(--line);padding:.35rem 0}
            summary{cursor:pointer;font-weight:600}
            @media (max-width:640px){main{padding:.5rem;gap:.6rem}section.card{padding:.7rem}th,td{padding:.3rem}dl.kv{grid-template-columns:1fr}dl.kv dd{margin-bottom:.3rem}}
            """;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ConsoleHtml() {
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + " | LeadSync console</title><style>" + CSS + "</style></head>\n<body>\n"
                + "<a class=\"skip\" href=\"#main\">Skip to content</a>"
                + "<header class=\"top\"><strong>LeadSync console</strong><nav aria-label=\"Sections\"><a href=\"/console#connection\">Connection</a>"
                + "<a href=\"/console#access\">Access</a><a href=\"/console#forms\">Forms</a><a href=\"/console#feed\">Live feed</a>"
                + "<a href=\"/console#pull\">Poll</a><a href=\"/console#webhook\">Webhook</a><a href=\"/console#dead-letters\">Dead letters</a>"
                + "<a href=\"/console#operations\">Operations</a></nav></header>\n"
                + "<main id=\"main\">" + body + "</main>\n</body>\n</html>\n";
    }

    static String card(String id, String title, String body, boolean wide) {
        return "<section class=\"card" + (wide ? " wide" : "") + "\" id=\"" + id + "\" aria-labelledby=\"" + id + "-h\"><h2 id=\"" + id + "-h\">"
                + esc(title) + "</h2>" + body + "</section>\n";
    }

    static String badge(boolean good, String text) {
        return "<span class=\"badge " + (good ? "ok" : "bad") + "\">" + esc(text) + "</span>";
    }

    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
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

    /** {@code <time>} with the UTC time and, beside it, how long ago or ahead it is. */
    static String time(Instant at, Instant now) {
        if (at == null) {
            return "<span class=\"muted\">never</span>";
        }
        return "<time datetime=\"" + at + "\">" + TIME.format(at) + "</time> <span class=\"muted\">(" + relative(at, now) + ")</span>";
    }

    static String relative(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        boolean future = d.isNegative();
        d = d.abs();
        String amount = d.toSeconds() < 60 ? d.toSeconds() + " s" : d.toMinutes() < 60 ? d.toMinutes() + " min"
                : d.toHours() < 48 ? d.toHours() + " h" : d.toDays() + " days";
        return future ? "in " + amount : amount + " ago";
    }

    static String duration(long millis) {
        return millis < 1000 ? millis + " ms" : millis < 60_000 ? String.format("%.1f s", millis / 1000.0)
                : millis < 3_600_000 ? millis / 60_000 + " min" : millis / 3_600_000 + " h";
    }
}
