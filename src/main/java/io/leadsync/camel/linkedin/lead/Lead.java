package io.leadsync.camel.linkedin.lead;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.leadsync.camel.linkedin.model.LeadActionNotification;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;

/**
 * The normalized lead a route sees: the lead as LinkedIn sent it, joined with the exact form version it was submitted
 * on and with the names of its metadata. Both consumers (poll and webhook) emit a {@code List<Lead>}.
 * <p>
 * Answers are keyed by {@code predefinedField} for predefined questions and by question id (decimal) for custom ones;
 * {@link #field(String)} reads any value by the same keys a declarative {@link LeadMapping} uses.
 *
 * @param id the lead id ({@code 249592fc-…-6})
 * @param action CREATED, or DELETED when the member withdrew the lead
 * @param leadType SPONSORED, EVENT, COMPANY or ORGANIZATION_PRODUCT, as LinkedIn spells it
 * @param ownerUrn the owner ({@code urn:li:sponsoredAccount:…} or {@code urn:li:organization:…})
 * @param formId the lead form id
 * @param formVersion the version of the form the lead was submitted on
 * @param formName the form name
 * @param submittedAt when the member submitted the lead, epoch milliseconds
 * @param testLead whether Campaign Manager generated it as a test lead
 * @param submitter the member URN ({@code urn:li:person:…})
 * @param accountId the ad account id (sponsored leads)
 * @param accountName the ad account name
 * @param organizationId the organization page id (event, company and product leads)
 * @param organizationName the organization page name
 * @param campaignId the campaign id (sponsored leads)
 * @param campaignName the campaign name
 * @param creativeId the sponsored creative id
 * @param eventId the event id (event registration leads)
 * @param eventName the event name
 * @param answers the answers in form order, by key
 * @param hiddenFields the hidden fields of the form version, by name
 * @param consents the consents of the form version with the member's answers
 * @param fieldErrors the fields that could not be read or checked (LGF-111)
 * @param raw the lead's JSON as LinkedIn sent it ({@code null} for a DELETED lead)
 * @param source how the lead reached the connector
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Lead(String id, LeadAction action, String leadType, String ownerUrn, Long formId, Long formVersion, String formName,
        Long submittedAt, boolean testLead, String submitter, String accountId, String accountName, String organizationId,
        String organizationName, String campaignId, String campaignName, String creativeId, String eventId, String eventName,
        Map<String, LeadAnswer> answers, Map<String, String> hiddenFields, List<LeadConsent> consents,
        List<FieldError> fieldErrors, String raw, LeadSource source) {

    /** The names usable after {@code meta:} in a field key, in the order {@link #toMap()} lists them. */
    public static final List<String> META_NAMES = List.of("leadId", "action", "leadType", "formId", "formName", "formVersion",
            "submittedAt", "testLead", "submitter", "accountId", "accountName", "campaignId", "campaignName", "creativeId",
            "eventId", "eventName", "organizationId", "organizationName");

    /** Prefix of field keys naming a metadata value. */
    public static final String META_PREFIX = "meta:";
    /** Prefix of field keys naming a hidden field. */
    public static final String HIDDEN_PREFIX = "hidden:";
    /** Prefix of field keys naming a consent by id. */
    public static final String CONSENT_PREFIX = "consent:";

    public Lead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        answers = answers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        hiddenFields = hiddenFields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(hiddenFields));
        consents = consents == null ? List.of() : List.copyOf(consents);
        fieldErrors = fieldErrors == null ? List.of() : List.copyOf(fieldErrors);
    }

    /**
     * The lead a DELETED notification stands for: id, action, lead type, owner and form id/version from the
     * notification and nothing else (a withdrawn lead must not be fetched).
     */
    public static Lead deleted(LeadActionNotification notification, LeadSource source) {
        Long formId = null;
        Long formVersion = null;
        List<FieldError> errors = new ArrayList<>();
        if (notification.leadGenForm() != null) {
            try {
                VersionedLeadGenFormUrn urn = VersionedLeadGenFormUrn.parse(notification.leadGenForm());
                formId = urn.formId();
                formVersion = urn.versionId();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("form", "not a versioned lead gen form URN: " + notification.leadGenForm()));
            }
        }
        String owner = notification.owner() == null ? null : notification.owner().urn();
        return new Lead(notification.leadId(), LeadAction.DELETED, notification.leadType(), owner, formId, formVersion, null, null,
                false, null, null, null, null, null, null, null, null, null, null, null, null, null, errors, null, source);
    }

    /** Whether the member withdrew this lead. */
    @JsonIgnore
    public boolean isDeleted() {
        return action == LeadAction.DELETED;
    }

    /**
     * The value a field key names, or {@code null} when the lead has no such value:
     * a {@code predefinedField} name ({@code WORK_EMAIL}), a custom question id ({@code 707234246}) or, for custom
     * questions, their {@code name} or {@code label}; {@code hidden:<name>}; {@code consent:<id>} (a Boolean);
     * {@code meta:<name>} (see {@link #META_NAMES}).
     *
     * @throws IllegalArgumentException for an unknown {@code meta:} name or a non-numeric consent id
     */
    public Object field(String key) {
        Objects.requireNonNull(key, "key");
        if (key.startsWith(META_PREFIX)) {
            return meta(key.substring(META_PREFIX.length()));
        }
        if (key.startsWith(HIDDEN_PREFIX)) {
            return hiddenFields.get(key.substring(HIDDEN_PREFIX.length()));
        }
        if (key.startsWith(CONSENT_PREFIX)) {
            return consent(key.substring(CONSENT_PREFIX.length()));
        }
        LeadAnswer answer = answers.get(key);
        if (answer == null) {
            answer = customAnswerNamed(key);
        }
        return answer == null ? null : answer.value();
    }

    /**
     * A metadata value by its name in {@link #META_NAMES}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public Object meta(String name) {
        return switch (name) {
            case "leadId" -> id;
            case "action" -> action.name();
            case "leadType" -> leadType;
            case "formId" -> formId;
            case "formName" -> formName;
            case "formVersion" -> formVersion;
            case "submittedAt" -> submittedAt;
            case "testLead" -> testLead;
            case "submitter" -> submitter;
            case "accountId" -> accountId;
            case "accountName" -> accountName;
            case "campaignId" -> campaignId;
            case "campaignName" -> campaignName;
            case "creativeId" -> creativeId;
            case "eventId" -> eventId;
            case "eventName" -> eventName;
            case "organizationId" -> organizationId;
            case "organizationName" -> organizationName;
            default -> throw new IllegalArgumentException("Unknown lead meta field '" + name + "', expected one of " + META_NAMES);
        };
    }

    /**
     * The lead as a flat, ordered map of JSON-friendly values: the {@link #META_NAMES}, {@code ownerUrn}, {@code source},
     * then {@code answers} (key to value), {@code hiddenFields}, {@code consents} (list of maps with id, text, required,
     * accepted), {@code fieldErrors} (list of maps with field and message) and {@code raw}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name : META_NAMES) {
            map.put(name, meta(name));
        }
        map.put("ownerUrn", ownerUrn);
        map.put("source", source == null ? null : source.name());
        Map<String, Object> answerValues = new LinkedHashMap<>();
        answers.forEach((key, answer) -> answerValues.put(key, answer.value()));
        map.put("answers", answerValues);
        map.put("hiddenFields", new LinkedHashMap<>(hiddenFields));
        List<Map<String, Object>> consentMaps = new ArrayList<>();
        for (LeadConsent consent : consents) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", consent.id());
            c.put("text", consent.text());
            c.put("required", consent.required());
            c.put("accepted", consent.accepted());
            consentMaps.add(c);
        }
        map.put("consents", consentMaps);
        List<Map<String, Object>> errorMaps = new ArrayList<>();
        for (FieldError error : fieldErrors) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("field", error.field());
            e.put("message", error.message());
            errorMaps.add(e);
        }
        map.put("fieldErrors", errorMaps);
        map.put("raw", raw);
        return map;
    }

    /** The same lead with more field errors (a mapping or a sink may add its own). */
    public Lead withFieldErrors(List<FieldError> more) {
        List<FieldError> all = new ArrayList<>(fieldErrors);
        all.addAll(more);
        return new Lead(id, action, leadType, ownerUrn, formId, formVersion, formName, submittedAt, testLead, submitter, accountId,
                accountName, organizationId, organizationName, campaignId, campaignName, creativeId, eventId, eventName, answers,
                hiddenFields, consents, all, raw, source);
    }

    /**
     * Whether the member accepted the consent of that numeric id ({@code null} when the lead has none of that id):
     * {@link #field} of {@code consent:<id>} without building the key.
     */
    public Boolean consent(String id) {
        long consentId;
        try {
            consentId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Consent keys are consent:<numeric id>, not consent:" + id, e);
        }
        for (LeadConsent consent : consents) {
            if (consent.id() == consentId) {
                return consent.accepted();
            }
        }
        return null;
    }

    // LinkedIn documents questionId or name as the keys of custom questions; the label is what form builders see.
    private LeadAnswer customAnswerNamed(String key) {
        for (LeadAnswer answer : answers.values()) {
            if (answer.predefinedField() == null && (key.equals(answer.name()) || key.equals(answer.label()))) {
                return answer;
            }
        }
        return null;
    }
}
