package io.leadsync.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict Rest.li 2.0 decoder for query values and path keys: records {@code (k:v)}, lists {@code List(a,b)},
 * the empty string {@code ''} and percent-encoded leaves. A value decodes to a {@link String}, a
 * {@code Map<String,Object>} or a {@code List<Object>}. Reserved characters inside a leaf must be percent-encoded,
 * exactly as LinkedIn's own clients send them; anything else is rejected with {@link RestLiSyntaxException}.
 */
final class RestLiDecoder {

    private final String raw;
    private int pos;

    private RestLiDecoder(String raw) {
        this.raw = raw;
    }

    /** Thrown for a value LinkedIn would reject; the message says what and where, never which parameter. */
    static final class RestLiSyntaxException extends IllegalArgumentException {
        RestLiSyntaxException(String message) {
            super(message);
        }
    }

    /** Decodes one raw (still percent-encoded) query value. */
    static Object decode(String rawValue) {
        RestLiDecoder decoder = new RestLiDecoder(rawValue);
        Object value = decoder.value(false);
        if (decoder.pos != rawValue.length()) {
            throw decoder.error("unexpected '" + rawValue.charAt(decoder.pos) + "'");
        }
        return value;
    }

    /** Decodes a raw query string ({@code a=..&b=..}) into decoded values, for tests and tunnelled bodies. */
    static Map<String, Object> decodeQuery(String rawQuery) {
        Map<String, Object> decoded = new LinkedHashMap<>();
        SandboxRequest.splitQuery(rawQuery).forEach((name, value) -> decoded.put(name, decode(value)));
        return decoded;
    }

    /** Decodes a path key: the whole segment is one percent-encoded leaf. */
    static String decodePathKey(String rawSegment) {
        RestLiDecoder decoder = new RestLiDecoder(rawSegment);
        String key = decoder.leaf(false);
        if (decoder.pos != rawSegment.length()) {
            throw decoder.error("unexpected '" + rawSegment.charAt(decoder.pos) + "' in path key");
        }
        return key;
    }

    private Object value(boolean nested) {
        if (raw.startsWith("List(", pos)) {
            pos += 5;
            List<Object> list = new ArrayList<>();
            if (peek() == ')') {
                pos++;
                return list;
            }
            while (true) {
                list.add(value(true));
                char c = expectOneOf(",)");
                if (c == ')') {
                    return list;
                }
            }
        }
        if (peek() == '(') {
            pos++;
            Map<String, Object> record = new LinkedHashMap<>();
            if (peek() == ')') {
                pos++;
                return record;
            }
            while (true) {
                String key = leaf(true);
                if (key.isEmpty()) {
                    throw error("empty record key");
                }
                expectOneOf(":");
                record.put(key, value(true));
                char c = expectOneOf(",)");
                if (c == ')') {
                    return record;
                }
            }
        }
        if (raw.startsWith("''", pos)) {
            pos += 2;
            return "";
        }
        String leaf = leaf(nested);
        if (leaf.isEmpty() && nested) {
            throw error("empty value (send '' for an empty string)");
        }
        return leaf;
    }

    /** Reads a leaf up to a structural character; structural characters may not appear raw inside it. */
    private String leaf(boolean nested) {
        int start = pos;
        while (pos < raw.length()) {
            char c = raw.charAt(pos);
            if (nested && (c == ',' || c == ')' || c == ':')) {
                break;
            }
            if (isUnreserved(c)) {
                pos++;
            } else if (c == '%') {
                if (pos + 2 >= raw.length()) {
                    throw error("truncated percent-encoding");
                }
                if (hex(raw.charAt(pos + 1)) < 0 || hex(raw.charAt(pos + 2)) < 0) {
                    throw error("bad percent-encoding");
                }
                pos += 3;
            } else {
                throw error("unencoded '" + c + "' inside a value (percent-encode reserved characters such as : ( ) , ')");
            }
        }
        return percentDecode(raw.substring(start, pos));
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*';
    }

    private char peek() {
        return pos < raw.length() ? raw.charAt(pos) : '\0';
    }

    private char expectOneOf(String allowed) {
        char c = peek();
        if (pos >= raw.length() || allowed.indexOf(c) < 0) {
            throw error(pos >= raw.length() ? "unexpected end, expected one of " + allowed
                    : "unexpected '" + c + "', expected one of " + allowed);
        }
        pos++;
        return c;
    }

    private RestLiSyntaxException error(String what) {
        return new RestLiSyntaxException(what + " at position " + pos);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** Percent-decodes UTF-8; {@code +} stays a plus, because Rest.li sends spaces as {@code %20}. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder text = new StringBuilder(s.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                pending.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                flush(pending, text);
                text.append(c);
            }
        }
        flush(pending, text);
        return text.toString();
    }

    private static void flush(ByteArrayOutputStream pending, StringBuilder text) {
        if (pending.size() > 0) {
            text.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }
}
