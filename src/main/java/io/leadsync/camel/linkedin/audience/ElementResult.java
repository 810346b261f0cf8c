package io.leadsync.camel.linkedin.audience;

/**
 * The outcome of one input element of an audience batch, at the element's input position.
 *
 * @param index    the element's 0-based position in the route's input
 * @param status   LinkedIn's status (201 accepted); 400 also for an element refused before sending
 * @param accepted whether LinkedIn accepted it
 * @param message  why it was refused, or {@code null}
 * @param sent     whether it was sent to LinkedIn (false: refused in process, e.g. no identifier)
 */
public record ElementResult(int index, int status, boolean accepted, String message, boolean sent) {
}
