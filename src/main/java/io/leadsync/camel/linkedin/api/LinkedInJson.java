package io.leadsync.camel.linkedin.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.leadsync.camel.linkedin.model.LeadFormResponse;

/**
 * The one Jackson configuration for LinkedIn payloads: unknown fields are tolerated (LinkedIn adds fields in new
 * versions), {@code null}s are not written. The mapper is private so nobody can reconfigure it; use these methods.
 */
public final class LinkedInJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(LeadFormResponse.class, LeadFormResponseReading.class);

    /** How a lead is read here: its inline form through {@link InlineFormDeserializer}. */
    private abstract static class LeadFormResponseReading {
        @JsonDeserialize(using = InlineFormDeserializer.class)
        abstract JsonNode form();
    }

    private LinkedInJson() {
    }

    /** Reads {@code json} as {@code type}. */
    public static <T> T read(byte[] json, Class<T> type) {
        return read(json, MAPPER.constructType(type));
    }

    /** Reads {@code json} as {@code type} (e.g. a parametrised page). */
    public static <T> T read(byte[] json, JavaType type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable LinkedIn JSON for " + type.getTypeName() + ": " + reason(e), e);
        }
    }

    /** Reads {@code json} as a tree. */
    public static JsonNode readTree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable LinkedIn JSON: " + reason(e), e);
        }
    }

    /** Jackson's reason without its source excerpt, which could quote personal data of a lead. */
    private static String reason(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getClass().getSimpleName();
    }

    /** Converts a tree (or any value) to {@code type}. */
    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }

    /** Writes {@code value} as JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The type of a page of {@code elementType}. */
    public static JavaType pageBodyType(Class<?> elementType) {
        return MAPPER.getTypeFactory().constructParametricType(PageBody.class, elementType);
    }

    /** The type of a list of {@code elementType}. */
    public static JavaType listType(Class<?> elementType) {
        return MAPPER.getTypeFactory().constructCollectionType(List.class, elementType);
    }

    /** Reads a collection response ({@code elements}, {@code paging}, {@code metadata.nextPageToken}) as a {@link Page}. */
    public static <T> Page<T> readPage(byte[] json, Class<T> elementType) {
        PageBody<T> body = read(json, pageBodyType(elementType));
        return body.toPage();
    }

    /**
     * As {@link #readPage}, keeping each element's JSON as the response carried it ({@link Page#elementsJson}): one
     * streaming pass notes where each element starts and ends while it is bound, so the text costs a copy of those
     * bytes, not a second serialization.
     */
    public static <T> Page<T> readPageKeepingJson(byte[] json, Class<T> elementType) {
        ObjectReader reader = MAPPER.readerFor(elementType).withAttribute(InlineFormDeserializer.SOURCE, json);
        List<T> elements = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        PageBody.Paging paging = null;
        PageBody.Metadata metadata = null;
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            expectObject(parser, "a page of " + elementType.getSimpleName());
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("elements".equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        KeptJson<T> element = readKept(reader, parser, json);
                        elements.add(element.value());
                        texts.add(element.json());
                    }
                } else if ("paging".equals(field) && value == JsonToken.START_OBJECT) {
                    paging = MAPPER.readValue(parser, PageBody.Paging.class);
                } else if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
                    metadata = MAPPER.readValue(parser, PageBody.Metadata.class);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable LinkedIn JSON for a page of " + elementType.getSimpleName() + ": " + reason(e), e);
        }
        Page<T> page = new PageBody<>(elements, paging, metadata).toPage();
        return new Page<>(page.elements(), page.start(), page.count(), page.total(), page.nextPageToken(), texts);
    }

    /**
     * Reads one entity (a single get's answer) as {@code type}, keeping its JSON as the answer carried it, as
     * {@link #readResultsKeepingJson} does for a batch: the text is the entity's own bytes, not a re-serialization.
     */
    static <T> KeptJson<T> readKeepingJson(byte[] json, Class<T> type) {
        ObjectReader reader = MAPPER.readerFor(type).withAttribute(InlineFormDeserializer.SOURCE, json);
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            expectObject(parser, type.getSimpleName());
            return readKept(reader, parser, json);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable LinkedIn JSON for " + type.getSimpleName() + ": " + reason(e), e);
        }
    }

    private static void expectObject(JsonParser parser, String what) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new UncheckedIOException("Unreadable LinkedIn JSON for " + what + ": not an object", new IOException("not an object"));
        }
    }

    /** Binds the value at the parser's current token and keeps its bytes from the answer: a copy, not a re-serialization. */
    private static <T> KeptJson<T> readKept(ObjectReader reader, JsonParser parser, byte[] json) throws IOException {
        int from = (int) parser.currentTokenLocation().getByteOffset();
        T value = reader.readValue(parser);
        int to = (int) parser.currentLocation().getByteOffset();
        return new KeptJson<>(value, new String(json, from, to - from, StandardCharsets.UTF_8));
    }

    /**
     * Reads a {@code BATCH_GET} answer's {@code results} (id → entity) in one streaming pass, keeping each entity's JSON
     * as the answer carried it, as {@link #readPageKeepingJson} does for a page. A result that is not an object is left
     * out. The keys are as LinkedIn wrote them (Rest.li may encode them).
     */
    public static <T> Map<String, KeptJson<T>> readResultsKeepingJson(byte[] json, Class<T> type) {
        ObjectReader reader = MAPPER.readerFor(type).withAttribute(InlineFormDeserializer.SOURCE, json);
        Map<String, KeptJson<T>> results = new LinkedHashMap<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            expectObject(parser, "a batch of " + type.getSimpleName());
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (parser.nextToken() == JsonToken.START_OBJECT && "results".equals(field)) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String id = parser.currentName();
                        if (parser.nextToken() != JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            continue;
                        }
                        results.put(id, readKept(reader, parser, json));
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable LinkedIn JSON for a batch of " + type.getSimpleName() + ": " + reason(e), e);
        }
        return results;
    }
}
