package io.leadsync.camel.linkedin.api;

import java.util.Objects;

import io.leadsync.camel.linkedin.model.AssociatedEntity;
import io.leadsync.camel.linkedin.model.LeadOwner;
import io.leadsync.camel.linkedin.model.LeadType;

/**
 * The {@code leadFormResponses?q=owner} finder: one owner and one lead type per call, optionally narrowed to a form
 * version, an associated entity, a submission window and test leads.
 *
 * @param owner                   the ad account (SPONSORED) or organization (EVENT, COMPANY, ORGANIZATION_PRODUCT)
 * @param leadType                the lead type
 * @param versionedLeadGenFormUrn {@code urn:li:versionedLeadGenForm:(…)} or {@code null}
 * @param associatedEntity        a creative or an event, or {@code null}
 * @param submittedAtTimeRange    the submission window in epoch ms, or {@code null}
 * @param limitedToTestLeads      {@code true} for test leads only; {@code null} or {@code false} returns both
 * @param pageSize                {@code count} of each page, 1 to {@value LinkedInApi#MAX_PAGE_SIZE}
 * @param fields                  a {@code fields} projection (e.g. the enrichment one), or {@code null}
 */
public record LeadFormResponseQuery(LeadOwner owner, LeadType leadType, String versionedLeadGenFormUrn,
        AssociatedEntity associatedEntity, TimeWindow submittedAtTimeRange, Boolean limitedToTestLeads, int pageSize,
        String fields) {

    /**
     * Every lead field the normalizer reads, plus the enrichment LinkedIn computes on request: account, campaign,
     * creative and event names, and the lead's OWN form version inline. {@code GET leadForms/{id}} serves only the
     * current version, so this is the only way to read a lead of an older version, and it costs no call per lead.
     */
    public static final String ENRICHED_FIELDS = "id,leadType,owner,submitter,submittedAt,testLead,versionedLeadGenFormUrn,"
            + "associatedEntity,leadMetadata,formResponse,ownerInfo,leadMetadataInfo,associatedEntityInfo,"
            + "form:(id,versionId,name,hiddenFields,content)";


    public LeadFormResponseQuery {
        Objects.requireNonNull(owner, "owner == null");
        Objects.requireNonNull(leadType, "leadType == null");
        if (leadType.ownedBySponsoredAccount() != owner.isSponsoredAccount()) {
            throw new IllegalArgumentException(leadType + " leads are owned by "
                    + (leadType.ownedBySponsoredAccount() ? "a sponsoredAccount" : "an organization") + ", not " + owner.urn());
        }
        LinkedInApi.checkPageSize(pageSize);
        if (fields != null) {
            RestLi.fieldsProjection(fields);
        }
    }

    /** A query for all leads of {@code leadType} owned by {@code owner}, in pages of {@value LinkedInApi#DEFAULT_PAGE_SIZE}. */
    public static LeadFormResponseQuery of(LeadOwner owner, LeadType leadType) {
        return new LeadFormResponseQuery(owner, leadType, null, null, null, null, LinkedInApi.DEFAULT_PAGE_SIZE, null);
    }

    public LeadFormResponseQuery withVersionedLeadGenFormUrn(String urn) {
        return new LeadFormResponseQuery(owner, leadType, urn, associatedEntity, submittedAtTimeRange, limitedToTestLeads, pageSize, fields);
    }

    public LeadFormResponseQuery withAssociatedEntity(AssociatedEntity entity) {
        return new LeadFormResponseQuery(owner, leadType, versionedLeadGenFormUrn, entity, submittedAtTimeRange, limitedToTestLeads, pageSize, fields);
    }

    /** Leads submitted from {@code startMillis} to {@code endMillis} (epoch ms). */
    public LeadFormResponseQuery withSubmittedAtTimeRange(long startMillis, long endMillis) {
        return new LeadFormResponseQuery(owner, leadType, versionedLeadGenFormUrn, associatedEntity,
                new TimeWindow(startMillis, endMillis), limitedToTestLeads, pageSize, fields);
    }

    public LeadFormResponseQuery withLimitedToTestLeads(Boolean testLeadsOnly) {
        return new LeadFormResponseQuery(owner, leadType, versionedLeadGenFormUrn, associatedEntity, submittedAtTimeRange, testLeadsOnly, pageSize, fields);
    }

    public LeadFormResponseQuery withPageSize(int size) {
        return new LeadFormResponseQuery(owner, leadType, versionedLeadGenFormUrn, associatedEntity, submittedAtTimeRange, limitedToTestLeads, size, fields);
    }

    public LeadFormResponseQuery withFields(String projection) {
        return new LeadFormResponseQuery(owner, leadType, versionedLeadGenFormUrn, associatedEntity, submittedAtTimeRange, limitedToTestLeads, pageSize, projection);
    }

    /** A submission window in epoch milliseconds, {@code start <= end}. */
    public record TimeWindow(long start, long end) {
        public TimeWindow {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("submittedAtTimeRange needs 0 <= start <= end, got " + start + ".." + end);
            }
        }
    }
}
