package io.leadsync.camel.linkedin.lead;

/**
 * A consent check box of the form version, with the member's answer.
 *
 * @param id the consent id of the form's legal info
 * @param text the consent text of the form version the lead was submitted on ({@code null} when that version is unknown)
 * @param required whether the form required the box to be ticked ({@code checkRequired})
 * @param accepted whether the member ticked it; a consent absent from the lead counts as not accepted
 */
public record LeadConsent(long id, String text, boolean required, boolean accepted) {
}
