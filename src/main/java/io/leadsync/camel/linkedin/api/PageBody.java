package io.leadsync.camel.linkedin.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The wire shape of a LinkedIn collection response, read once and turned into a {@link Page}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record PageBody<T>(List<T> elements, Paging paging, Metadata metadata) {

    /** {@code paging}: start/count finders; {@code total} may be missing. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Paging(Integer start, Integer count, Integer total) {
    }

    /** {@code metadata}: cursor finders put the next token here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metadata(String nextPageToken) {
    }

    Page<T> toPage() {
        List<T> list = elements == null ? List.of() : elements;
        int start = paging == null || paging.start() == null ? 0 : paging.start();
        int count = paging == null || paging.count() == null ? list.size() : paging.count();
        Integer total = paging == null ? null : paging.total();
        String token = metadata == null || metadata.nextPageToken() == null || metadata.nextPageToken().isBlank()
                ? null : metadata.nextPageToken();
        return new Page<>(list, start, count, total, token);
    }
}
