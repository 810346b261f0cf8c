package io.leadsync.app.edge;

/**
 * Attacker-supplied text made safe for one log line: control characters (NUL, CR, LF, ESC …) become {@code \\uXXXX}
 * escapes, so a request cannot forge log lines or terminal sequences, and the text is cut at 200 characters.
 */
public final class LogText {

    private static final int MAX = 200;

    private LogText() {
    }

    /** {@code text} with control characters escaped and at most 200 characters; "null" for null. */
    public static String clean(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && s.length() < MAX; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        if (s.length() >= MAX && text.length() > MAX) {
            s.append('…');
        }
        return s.toString();
    }
}
