package io.leadsync.camel.linkedin.api;

import java.util.List;
import java.util.Objects;

/**
 * One page of a LinkedIn collection.
 *
 * @param elements      the elements of this page (possibly fewer than {@code count} even when more exist)
 * @param start         the 0-based offset of the first element (start/count finders)
 * @param count         the page size asked for
 * @param total         the total LinkedIn reported, or {@code null} when it did not
 * @param nextPageToken the cursor of the next page (pageSize/pageToken finders), {@code null} on the last page
 */
public record Page<T>(List<T> elements, int start, int count, Integer total, String nextPageToken, List<String> elementsJson) {

    /**
     * @param elementsJson each element's JSON exactly as the response carried it, in the order of {@code elements};
     *                     empty when the page was built without them
     */
    public Page {
        elements = List.copyOf(Objects.requireNonNull(elements, "elements == null"));
        elementsJson = List.copyOf(Objects.requireNonNull(elementsJson, "elementsJson == null"));
        if (!elementsJson.isEmpty() && elementsJson.size() != elements.size()) {
            throw new IllegalArgumentException("elementsJson must hold one text per element or none");
        }
    }

    /** A page without its elements' response text ({@link #elementJson} writes them back as JSON). */
    public Page(List<T> elements, int start, int count, Integer total, String nextPageToken) {
        this(elements, start, count, total, nextPageToken, List.of());
    }

    /**
     * The JSON of the element at {@code index}: the response's own bytes for it when the page kept them (so fields
     * this client does not model are kept too), otherwise the parsed element written back.
     */
    public String elementJson(int index) {
        return elementsJson.isEmpty() ? new String(LinkedInJson.write(elements.get(index)), java.nio.charset.StandardCharsets.UTF_8)
                : elementsJson.get(index);
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    public int size() {
        return elements.size();
    }
}
