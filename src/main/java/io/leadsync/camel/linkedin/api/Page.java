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
public record Page<T>(List<T> elements, int start, int count, Integer total, String nextPageToken) {

    public Page {
        elements = List.copyOf(Objects.requireNonNull(elements, "elements == null"));
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    public int size() {
        return elements.size();
    }
}
