package io.leadsync.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.leadsync.camel.linkedin.lead.FieldError;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadMapping;
import io.leadsync.camel.linkedin.lead.MappedLead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a normalized lead into the fields of a Salesforce {@code Lead} for an upsert on the external id that holds the
 * LinkedIn lead id (bean {@code salesforceMapping} of {@code routes/leads-to-salesforce.yaml}).
 * <p>
 * The mapping is {@link LeadMapping#defaultSalesforceLead()} unless a mapping file is given. A field that fails to
 * map does not stop the lead (LGF-111): the lead's and the mapping's field errors go into a text field of the Lead
 * when one is configured (e.g. {@code LinkedIn_Field_Errors__c}), and into the log otherwise. Immutable and
 * thread-safe.
 */
public final class SalesforceLeadMapper {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceLeadMapper.class);

    /** The default length of a Salesforce Long Text Area field. */
    static final int FIELD_ERRORS_MAX_LENGTH = 32768;

    private final LeadMapping mapping;
    private final String externalIdField;
    private final String fieldErrorsField;

    /**
     * The mapper the YAML route builds from its settings; blank values mean "not set".
     *
     * @param mappingFile a {@link LeadMapping} properties file ({@code Email=WORK_EMAIL|EMAIL:trim}), or blank for
     *                    {@link LeadMapping#defaultSalesforceLead()}
     * @param externalIdField the Lead field holding the LinkedIn lead id ({@code LinkedIn_Lead_Id__c})
     * @param fieldErrorsField the Lead text field that receives field errors, or blank to log them instead
     */
    public SalesforceLeadMapper(String mappingFile, String externalIdField, String fieldErrorsField) {
        this(isBlank(mappingFile) ? LeadMapping.defaultSalesforceLead() : LeadMapping.load(Path.of(mappingFile.strip())),
                externalIdField, fieldErrorsField);
    }

    /** A mapper over a mapping already built. */
    public SalesforceLeadMapper(LeadMapping mapping, String externalIdField, String fieldErrorsField) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        if (isBlank(externalIdField)) {
            throw new IllegalArgumentException("The Salesforce external id field (leadsync.salesforce.external-id-field) must be set");
        }
        this.externalIdField = externalIdField.strip();
        this.fieldErrorsField = isBlank(fieldErrorsField) ? null : fieldErrorsField.strip();
    }

    /**
     * The Salesforce Lead fields of {@code lead}, in mapping order, ready to be sent as JSON. Targets that mapped to
     * nothing are left out, and so is the external id field, whose value travels in the upsert URL.
     *
     * @throws IllegalArgumentException for a DELETED lead, which has no answers to send
     */
    public Map<String, Object> toSalesforceLead(Lead lead) {
        if (lead.isDeleted()) {
            throw new IllegalArgumentException("Lead " + lead.id() + " was withdrawn on LinkedIn: delete it, do not upsert it");
        }
        MappedLead mapped = mapping.apply(lead);
        Map<String, Object> fields = new LinkedHashMap<>();
        // a null would blank a field on update, and a Salesforce user may have filled it in since the first sync
        mapped.values().forEach((target, value) -> {
            if (value != null && !target.equals(externalIdField)) {
                fields.put(target, value);
            }
        });
        List<FieldError> errors = new ArrayList<>(lead.fieldErrors());
        errors.addAll(mapped.fieldErrors());
        if (!errors.isEmpty()) {
            String text = errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
            if (fieldErrorsField != null) {
                fields.put(fieldErrorsField, text.length() > FIELD_ERRORS_MAX_LENGTH ? text.substring(0, FIELD_ERRORS_MAX_LENGTH) : text);
                LOG.debug("Lead {} goes to Salesforce with {} field errors in {}", lead.id(), errors.size(), fieldErrorsField);
            } else {
                LOG.warn("Lead {} goes to Salesforce without {} field(s): {}", lead.id(), errors.size(), text);
            }
        }
        return fields;
    }

    /** The value Salesforce identifies the lead by in {@link #externalIdField()}: the LinkedIn lead id. */
    public String externalId(Lead lead) {
        return lead.id();
    }

    /** The Lead field holding the LinkedIn lead id. */
    public String externalIdField() {
        return externalIdField;
    }

    /** The Lead field receiving field errors, or {@code null} when they are logged. */
    public String fieldErrorsField() {
        return fieldErrorsField;
    }

    /** The mapping in use. */
    public LeadMapping mapping() {
        return mapping;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
