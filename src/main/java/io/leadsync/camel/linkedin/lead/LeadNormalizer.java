package io.leadsync.camel.linkedin.lead;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsync.camel.linkedin.model.Answer;
import io.leadsync.camel.linkedin.model.Consent;
import io.leadsync.camel.linkedin.model.ConsentResponse;
import io.leadsync.camel.linkedin.model.HiddenField;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.LeadFormQuestion;
import io.leadsync.camel.linkedin.model.LeadFormResponse;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a lead as LinkedIn sends it into the normalized {@link Lead}: answers joined with the exact form version the
 * lead was submitted on, consents with their text, hidden fields, and metadata names. What the lead's enrichment
 * projection carries inline ({@code form}, {@code ownerInfo}, {@code leadMetadataInfo}, {@code associatedEntityInfo})
 * is used first; the {@link LeadContext} is asked only for what is missing.
 * <p>
 * A bad answer never throws (LGF-111): it becomes a {@link FieldError} and the lead goes on with the rest.
 * Thread-safe when its context is.
 */
public final class LeadNormalizer {

    private static final Logger LOG = LoggerFactory.getLogger(LeadNormalizer.class);
    /** Form versions whose inline copy is kept: far more than any account publishes, a bound against odd input. */
    static final int MAX_PROJECTED_FORMS = 10_000;

    private final LeadContext context;
    private final ObjectMapper mapper = LeadJson.mapper();
    // every lead of a version carries the same inline form (a published version never changes): bind it once
    private final java.util.concurrent.ConcurrentMap<VersionedLeadGenFormUrn, LeadForm> projectedForms =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Normalizes with form versions and names from {@code context} (wrap it in a {@link CachingLeadContext}). */
    public LeadNormalizer(LeadContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Normalizes one CREATED lead.
     *
     * @param raw the lead as parsed from LinkedIn's JSON
     * @param rawJson the same lead's JSON as LinkedIn sent it (kept in {@link Lead#raw()})
     * @param source how the lead arrived
     */
    public Lead normalize(LeadFormResponse raw, String rawJson, LeadSource source) {
        Objects.requireNonNull(raw, "raw");
        List<FieldError> errors = new ArrayList<>();
        VersionedLeadGenFormUrn urn = versionedUrn(raw, errors);
        LeadForm form = urn == null ? null : formVersion(raw, urn, errors);

        Map<String, LeadAnswer> answers = answers(raw, form, urn, errors);
        List<LeadConsent> consents = consents(raw, form, urn, errors);
        Map<String, String> hidden = new LinkedHashMap<>();
        if (form != null && form.hiddenFields() != null) {
            for (HiddenField field : form.hiddenFields()) {
                if (field.name() != null) {
                    hidden.put(field.name(), field.value());
                }
            }
        }

        String ownerUrn = raw.owner() == null ? null : raw.owner().urn();
        String accountUrn = raw.owner() == null ? null : raw.owner().sponsoredAccount();
        String organizationUrn = raw.owner() == null ? null : raw.owner().organization();
        String accountName = accountUrn == null ? null
                : inlineOrLookup(text(raw.ownerInfo(), "sponsoredAccountInfo", "name"), () -> context.accountName(accountUrn));
        String organizationName = organizationUrn == null ? null
                : inlineOrLookup(text(raw.ownerInfo(), "organizationInfo", "name"), () -> context.organizationName(organizationUrn));

        JsonNode campaignInfo = node(raw.leadMetadataInfo(), "sponsoredLeadMetadataInfo", "campaign");
        String campaignUrn = raw.campaignUrn();
        String campaignId = campaignUrn != null ? lastSegment(campaignUrn) : lastSegment(text(campaignInfo, "id"));
        String campaignName = campaignUrn == null && campaignInfo == null ? null
                : inlineOrLookup(text(campaignInfo, "name"),
                        () -> campaignUrn == null ? null : context.campaignName(accountUrn, campaignUrn));

        JsonNode creativeInfo = node(raw.associatedEntityInfo(), "associatedCreativeInfo");
        JsonNode eventInfo = node(raw.associatedEntityInfo(), "eventInfo");
        String creativeUrn = raw.associatedEntity() == null ? null : raw.associatedEntity().associatedCreative();
        String eventUrn = raw.associatedEntity() == null ? null : raw.associatedEntity().event();
        String creativeId = creativeUrn != null ? lastSegment(creativeUrn) : lastSegment(text(creativeInfo, "id"));
        String eventId = eventUrn != null ? lastSegment(eventUrn) : lastSegment(text(eventInfo, "id"));
        String eventName = eventUrn == null && eventInfo == null ? null
                : inlineOrLookup(text(eventInfo, "name"),
                        () -> eventUrn == null ? null : context.eventName(eventUrn));

        return new Lead(raw.id(), LeadAction.CREATED, raw.leadType(), ownerUrn, urn == null ? null : urn.formId(),
                urn == null ? null : urn.versionId(), form == null ? null : form.name(), raw.submittedAt(), raw.isTestLead(),
                raw.submitter(), lastSegment(accountUrn), accountName, lastSegment(organizationUrn), organizationName, campaignId,
                campaignName, creativeId, eventId, eventName, answers, hidden, consents, errors, rawJson, source);
    }

    private static VersionedLeadGenFormUrn versionedUrn(LeadFormResponse raw, List<FieldError> errors) {
        if (raw.versionedLeadGenFormUrn() == null) {
            errors.add(new FieldError("form", "the lead names no versionedLeadGenFormUrn"));
            return null;
        }
        try {
            return raw.versionedForm();
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("form", "not a versioned lead gen form URN: " + raw.versionedLeadGenFormUrn()));
            return null;
        }
    }

    private LeadForm formVersion(LeadFormResponse raw, VersionedLeadGenFormUrn urn, List<FieldError> errors) {
        // the context would answer the same remembered version for a lead without (or with an odd) inline copy
        LeadForm projected = projectedForms.get(urn);
        if (projected != null) {
            return projected;
        }
        projected = projectedForm(raw.form(), urn);
        if (projected != null) {
            if (projectedForms.size() < MAX_PROJECTED_FORMS) {
                projectedForms.putIfAbsent(urn, projected);
            }
            context.remember(projected);
            return projected;
        }
        try {
            LeadForm form = context.formVersion(urn);
            if (form == null) {
                errors.add(new FieldError("form", "form version " + urn + " was not found"));
            }
            return form;
        } catch (RuntimeException e) {
            LOG.debug("Form version {} of lead {} could not be loaded", urn, raw.id(), e);
            errors.add(new FieldError("form", "form version " + urn + " could not be loaded: " + describe(e)));
            return null;
        }
    }

    // The projection `form:(hiddenFields,name,id,content)` may leave out versionId; it is the lead's own version then.
    private LeadForm projectedForm(JsonNode node, VersionedLeadGenFormUrn urn) {
        if (node == null || !node.isObject() || !node.has("content")) {
            return null;
        }
        try {
            LeadForm form = mapper.treeToValue(node, LeadForm.class);
            if ((form.id() != null && form.id() != urn.formId()) || (form.versionId() != null && form.versionId() != urn.versionId())) {
                LOG.debug("Ignoring projected form {} v{}: the lead was submitted on {}", form.id(), form.versionId(), urn);
                return null;
            }
            return new LeadForm(urn.formId(), form.name(), form.state(), urn.versionId(), form.owner(), form.creationLocale(),
                    form.hiddenFields(), form.content(), form.created(), form.lastModified(), form.reviewInfo());
        } catch (Exception e) {
            LOG.debug("Ignoring an unreadable projected form of {}", urn, e);
            return null;
        }
    }

    // An answer names its question by questionId; one of the guide's shape may carry only the question's name, which
    // is then matched with the name, else the label, of a question of the version (never with the displayed text).
    private Map<String, LeadAnswer> answers(LeadFormResponse raw, LeadForm form, VersionedLeadGenFormUrn urn, List<FieldError> errors) {
        Map<Long, Answer> byQuestion = new LinkedHashMap<>();
        Map<String, Answer> byName = new LinkedHashMap<>();
        if (raw.formResponse() != null && raw.formResponse().answers() != null) {
            for (Answer answer : raw.formResponse().answers()) {
                if (answer == null) {
                    continue;
                }
                if (answer.questionId() != null) {
                    byQuestion.putIfAbsent(answer.questionId(), answer);
                } else if (answer.name() != null && !answer.name().isBlank()) {
                    byName.putIfAbsent(answer.name(), answer);
                }
            }
        }
        Map<String, LeadAnswer> answers = new LinkedHashMap<>();
        if (form != null) {
            for (LeadFormQuestion question : form.questions()) {
                Answer answer = question.questionId() == null ? null : byQuestion.remove(question.questionId());
                if (answer == null) {
                    answer = byName(byName, question);
                }
                if (answer != null) {
                    String key = question.isCustom() || answers.containsKey(question.predefinedField())
                            ? String.valueOf(question.questionId()) : question.predefinedField();
                    answers.put(key, AnswerJoin.join(key, question, answer, urn, errors));
                }
            }
        }
        for (Answer answer : byQuestion.values()) {
            String key = String.valueOf(answer.questionId());
            if (form != null) {
                errors.add(new FieldError(key, "answers question " + key + ", which is not on form version " + urn));
            }
            answers.put(key, AnswerJoin.unjoined(key, answer));
        }
        for (Answer answer : byName.values()) {
            String key = answer.name();
            if (form != null) {
                errors.add(new FieldError(key, "answers question '" + key + "' (no questionId), which is not on form version " + urn));
            }
            answers.putIfAbsent(key, AnswerJoin.unjoined(key, answer));
        }
        return answers;
    }

    private static Answer byName(Map<String, Answer> byName, LeadFormQuestion question) {
        if (byName.isEmpty()) {
            return null;
        }
        Answer answer = question.name() == null ? null : byName.remove(question.name());
        return answer != null || question.label() == null ? answer : byName.remove(question.label());
    }

    private static List<LeadConsent> consents(LeadFormResponse raw, LeadForm form, VersionedLeadGenFormUrn urn, List<FieldError> errors) {
        Map<Long, Boolean> accepted = new LinkedHashMap<>();
        if (raw.formResponse() != null && raw.formResponse().consentResponses() != null) {
            for (ConsentResponse response : raw.formResponse().consentResponses()) {
                if (response != null && response.consentId() != null) {
                    accepted.putIfAbsent(response.consentId(), Boolean.TRUE.equals(response.accepted()));
                }
            }
        }
        List<LeadConsent> consents = new ArrayList<>();
        if (form != null) {
            for (Consent consent : form.consents()) {
                if (consent.id() == null) {
                    continue;
                }
                Boolean answer = accepted.remove(consent.id());
                consents.add(new LeadConsent(consent.id(), consent.consent() == null ? null : consent.consent().text(),
                        Boolean.TRUE.equals(consent.checkRequired()), Boolean.TRUE.equals(answer)));
            }
        }
        accepted.forEach((id, answer) -> {
            if (form != null) {
                errors.add(new FieldError(Lead.CONSENT_PREFIX + id, "answers consent " + id + ", which is not on form version " + urn));
            }
            consents.add(new LeadConsent(id, null, false, answer));
        });
        return consents;
    }

    private static String inlineOrLookup(String inline, Supplier<String> lookup) {
        if (inline != null) {
            return inline;
        }
        try {
            return lookup.get();
        } catch (RuntimeException e) {
            // a name is decoration: a lead must never fail for want of one
            LOG.debug("Metadata name lookup failed", e);
            return null;
        }
    }

    private static JsonNode node(JsonNode root, String... path) {
        JsonNode node = root;
        for (String name : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(name);
        }
        return node == null || node.isNull() ? null : node;
    }

    private static String text(JsonNode root, String... path) {
        JsonNode node = node(root, path);
        return node == null || node.isContainerNode() ? null : node.asText();
    }

    /** The id at the end of a URN ({@code urn:li:sponsoredCampaign:198356826} → {@code 198356826}); ids pass through. */
    static String lastSegment(String urn) {
        return urn == null ? null : urn.substring(urn.lastIndexOf(':') + 1);
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
