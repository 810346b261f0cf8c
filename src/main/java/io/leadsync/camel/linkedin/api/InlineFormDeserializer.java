package io.leadsync.camel.linkedin.api;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Reads a lead's inline form ({@code form:(id,versionId,name,hiddenFields,content)}) into a tree once per distinct
 * text: every lead of a form version carries the same form, often the largest part of the lead. When the response's
 * bytes are at hand ({@link #SOURCE}), the form is skipped over, its bytes are looked up, and a tree already built
 * from the same bytes is shared (read-only, like every tree of a parsed lead); otherwise it is read as usual.
 */
final class InlineFormDeserializer extends JsonDeserializer<JsonNode> {

    /** The attribute holding the response's bytes, set by {@link LinkedInJson#readPageKeepingJson}. */
    static final Object SOURCE = InlineFormDeserializer.class;
    /** Distinct form texts kept: a page has a few versions; the bound keeps a stream of odd input from growing it. */
    private static final int KEPT = 64;

    private static final Map<FormText, JsonNode> TREES = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<FormText, JsonNode> eldest) {
            return size() > KEPT;
        }
    };

    @Override
    public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (!(context.getAttribute(SOURCE) instanceof byte[] source) || parser.currentToken() != JsonToken.START_OBJECT) {
            return context.readTree(parser);
        }
        int from = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int to = (int) parser.currentLocation().getByteOffset();
        if (from < 0 || to > source.length || to <= from) {
            throw new IOException("inline form outside the response's bytes");
        }
        // leads of one version usually come in runs: comparing with the last form costs one vectorized compare, no hash
        Last previous = last;
        if (previous != null && Arrays.equals(previous.bytes(), 0, previous.bytes().length, source, from, to)) {
            return previous.tree();
        }
        FormText text = new FormText(source, from, to);
        JsonNode tree;
        synchronized (TREES) {
            tree = TREES.get(text);
        }
        if (tree == null) {
            byte[] own = Arrays.copyOfRange(source, from, to);
            tree = LinkedInJson.readTree(own);
            synchronized (TREES) {
                TREES.put(new FormText(own, 0, own.length), tree);
            }
        }
        last = new Last(text.copy(), tree);
        return tree;
    }

    private static volatile Last last;

    /** The form read last, and its tree. */
    private record Last(byte[] bytes, JsonNode tree) {
    }

    @Override
    public JsonNode getNullValue(DeserializationContext context) {
        // as Jackson's own tree reader: a JSON null is a NullNode
        return NullNode.getInstance();
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
        // as Jackson's own tree reader: a lead without the member has none
        return null;
    }

    /** A range of bytes compared by content. */
    private static final class FormText {
        private final byte[] bytes;
        private final int from;
        private final int to;
        private final int hash;

        FormText(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.from = from;
            this.to = to;
            int h = 1;
            for (int i = from; i < to; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        byte[] copy() {
            return Arrays.copyOfRange(bytes, from, to);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FormText that && hash == that.hash
                   && Arrays.equals(bytes, from, to, that.bytes, that.from, that.to);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
