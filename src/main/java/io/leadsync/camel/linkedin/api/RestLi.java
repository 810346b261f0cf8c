package io.leadsync.camel.linkedin.api;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Rest.li 2.0 encoding of query values, query parameters and path keys, as LinkedIn's own clients produce it:
 * records {@code (k:v)}, lists {@code List(a,b)}, the empty string {@code ''}, and every value percent-encoded like
 * {@code encodeURIComponent} plus {@code ( ) , ' :} so that structural characters stay unambiguous.
 */
public final class RestLi {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RestLi() {
    }

    /**
     * Encodes one value: a {@link Map} becomes a record (keys in iteration order), a {@link List} a {@code List(…)},
     * a {@link CharSequence} an escaped string ({@code ''} when empty), numbers and booleans their plain text.
     *
     * @throws IllegalArgumentException for {@code null} or any other type
     */
    public static String encodeValue(Object value) {
        StringBuilder out = new StringBuilder();
        appendValue(out, value);
        return out.toString();
    }

    /** {@code name=encodedValue}, e.g. {@code owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A1)}. */
    public static String encodeParam(String name, Object value) {
        return escape(name) + "=" + encodeValue(value);
    }

    /** Every entry of {@code params} as {@link #encodeParam}, joined with {@code &} in iteration order. */
    public static String encodeQuery(Map<String, ?> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(encodeParam(name, value)));
        return query.toString();
    }

    /** A resource key for a URL path, fully percent-encoded (a URN key becomes {@code urn%3Ali%3A…}). */
    public static String encodePathKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A path key must not be empty");
        }
        return escape(key);
    }

    /**
     * A {@code fields} projection, e.g. {@code id,form:(hiddenFields,name)}. LinkedIn expects it unencoded, so it is
     * only checked for characters that would break the URL.
     */
    public static String fieldsProjection(String projection) {
        if (projection == null || projection.isBlank()) {
            throw new IllegalArgumentException("A fields projection must not be blank");
        }
        for (int i = 0; i < projection.length(); i++) {
            char c = projection.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && "_,:().$".indexOf(c) < 0) {
                throw new IllegalArgumentException("Illegal character '" + c + "' in fields projection: " + projection);
            }
        }
        return projection;
    }

    /**
     * Percent-encodes UTF-8 text as {@code encodeURIComponent} does, and also {@code ( ) ' :} ({@code ,} is already
     * encoded there); spaces become {@code %20}, never {@code +}.
     */
    public static String escape(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*';
    }

    private static void appendValue(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('(');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                out.append(escape(String.valueOf(entry.getKey()))).append(':');
                appendValue(out, entry.getValue());
                if (entries.hasNext()) {
                    out.append(',');
                }
            }
            out.append(')');
        } else if (value instanceof List<?> list) {
            out.append("List(");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendValue(out, list.get(i));
            }
            out.append(')');
        } else if (value instanceof CharSequence text) {
            out.append(text.length() == 0 ? "''" : escape(text.toString()));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Enum<?> constant) {
            out.append(escape(constant.name()));
        } else {
            throw new IllegalArgumentException("Cannot encode " + (value == null ? "null" : value.getClass().getName())
                    + " as a Rest.li value: use Map, List, String, Number or Boolean");
        }
    }
}
