package io.leadsync.camel.linkedin.api;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lazily walks a LinkedIn collection page by page, fetching a page only when the previous one has been handed out,
 * so one page at a time is in memory. Empty pages are never handed out.
 *
 * <p>Start/count paging never stops on a short page (LinkedIn returns short pages while more elements exist): the
 * next start is the previous start plus the elements returned, and the walk ends on an empty page, or when LinkedIn
 * reported a total and the next start reaches it. Cursor paging follows {@code metadata.nextPageToken} until there
 * is none. One iterator serves one consumer thread.
 */
public final class PageIterator<T> implements Iterator<Page<T>> {

    private final Function<Cursor, Page<T>> fetch;
    private final boolean tokenPaging;
    private Cursor next;
    private Page<T> ready;

    private PageIterator(Function<Cursor, Page<T>> fetch, boolean tokenPaging, Cursor first) {
        this.fetch = fetch;
        this.tokenPaging = tokenPaging;
        this.next = first;
    }

    /** Start/count paging from {@code start}: {@code fetch} gets the start of each page. */
    public static <T> PageIterator<T> startCount(int start, IntFunction<Page<T>> fetch) {
        Objects.requireNonNull(fetch, "fetch == null");
        if (start < 0) {
            throw new IllegalArgumentException("start must be >= 0: " + start);
        }
        return new PageIterator<>(cursor -> fetch.apply(cursor.start()), false, new Cursor(start, null));
    }

    /** Cursor paging: {@code fetch} gets {@code null} for the first page, then each {@code nextPageToken}. */
    public static <T> PageIterator<T> pageToken(Function<String, Page<T>> fetch) {
        Objects.requireNonNull(fetch, "fetch == null");
        return new PageIterator<>(cursor -> fetch.apply(cursor.pageToken()), true, new Cursor(0, null));
    }

    /** The elements of all pages, fetched lazily as the stream is consumed. */
    public static <T> Stream<T> elements(Iterator<Page<T>> pages) {
        return pages(pages).flatMap(page -> page.elements().stream());
    }

    /** The pages as a sequential, lazy stream. */
    public static <T> Stream<Page<T>> pages(Iterator<Page<T>> pages) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (ready == null && next != null) {
            Cursor current = next;
            Page<T> page = fetch.apply(current);
            next = following(current, page);
            if (!page.isEmpty()) {
                ready = page;
            }
        }
        return ready != null;
    }

    @Override
    public Page<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more pages");
        }
        Page<T> page = ready;
        ready = null;
        return page;
    }

    private Cursor following(Cursor current, Page<?> page) {
        if (tokenPaging) {
            String token = page.nextPageToken();
            // a server repeating the same token would otherwise loop forever
            return token == null || token.equals(current.pageToken()) ? null : new Cursor(0, token);
        }
        if (page.isEmpty()) {
            return null;
        }
        int nextStart = current.start() + page.size();
        return page.total() != null && nextStart >= page.total() ? null : new Cursor(nextStart, null);
    }

    /** Where the next page starts: an offset, or a page token. */
    private record Cursor(int start, String pageToken) {
    }
}
