package io.leadsync.sandbox.campaignmanager;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the Campaign Manager pages read from and do to one running sandbox. The sandbox implements it over its own
 * world, so that these pages go through the same code as the admin API: a lead created here is stored, journaled
 * and pushed exactly as {@code POST /_sandbox/forms/{formId}/leads} does it.
 */
public interface CampaignManagerWorld {

    /** The world as {@code GET /_sandbox/world} answers it: member, accounts, pages, events, campaigns, forms. */
    ObjectNode world();

    /** A copy of one version of a form ({@code null} version: the latest), or {@code null} when there is none. */
    ObjectNode formVersion(long formId, Integer versionId);

    /** The form's lead type ({@code SPONSORED}, {@code EVENT}, {@code COMPANY}, {@code ORGANIZATION_PRODUCT}), or null. */
    String leadType(long formId);

    /** The live leads of a form (every version), newest first, at most {@code limit}, as LinkedIn serves them. */
    List<ObjectNode> leads(long formId, int limit);

    /** How many live leads the form has (every version). */
    int leadCount(long formId);

    /** One live lead, or {@code null}. */
    ObjectNode lead(String leadId);

    /** Campaign Manager's "Generate test lead": one test lead with generated answers; pushes CREATED; its id. */
    String generateTestLead(long formId);

    /**
     * A member submits the form's latest version with exactly these answers: {@code formResponse} is LinkedIn's
     * {@code {"answers":[…],"consentResponses":[…]}}. Stores the lead and pushes CREATED; answers its id.
     *
     * @throws IllegalArgumentException when the form is unknown or archived
     */
    String submit(long formId, ObjectNode formResponse, boolean testLead);

    /** The member withdraws a lead (a cancelled registration, a GDPR request); pushes DELETED. False if not live. */
    boolean withdraw(String leadId);
}
