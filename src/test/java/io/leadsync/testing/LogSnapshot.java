package io.leadsync.testing;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.core.read.ListAppender;

/**
 * A copy of what a logback {@link ListAppender} captured. Its list is a plain ArrayList that the app's threads append
 * to while a test reads it; {@code AppenderBase.doAppend} is synchronized on the appender, so copying under the same
 * lock never meets a half-done append (reading the list directly can throw ConcurrentModificationException).
 */
public final class LogSnapshot {

    private LogSnapshot() {
    }

    public static <E> List<E> of(ListAppender<E> appender) {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }
}
