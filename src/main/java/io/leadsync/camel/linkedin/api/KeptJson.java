package io.leadsync.camel.linkedin.api;

/**
 * An entity bound from a LinkedIn answer, with its JSON exactly as the answer carried it (a lead's {@code raw}, fields
 * this client does not model included).
 *
 * @param value the bound entity
 * @param json  its text in the answer
 */
public record KeptJson<T>(T value, String json) {
}
