package io.leadsync.camel.linkedin.logging;

/**
 * Text that came from outside (a webhook caller's lead id, header or body) made safe for one log line or an error
 * body: control characters (NUL, CR, LF, TAB, ESC, DEL, the C1 range, Unicode line and paragraph separators and
 * bidirectional overrides) are written as {@code \}{@code uXXXX} escapes, so they can neither forge a log line nor
 * drive a terminal, and the text is cut to a bounded length.
 */
public final class Untrusted {

    /** The most characters of one untrusted value that reach a log line or an error body. */
    static final int MAX_LENGTH = 200;

    private Untrusted() {
    }

    /** {@code value} escaped and cut to {@link #MAX_LENGTH} characters; {@code "null"} for {@code null}. */
    public static String text(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < s.length(); i++) {
            if (out.length() >= MAX_LENGTH) {
                return out.append("…(").append(s.length()).append(" chars)").toString();
            }
            char c = s.charAt(i);
            if (unsafe(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
               || (c >= '\u2066' && c <= '\u2069') || c == '\ufeff';
    }
}
