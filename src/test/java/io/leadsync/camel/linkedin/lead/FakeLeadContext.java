package io.leadsync.camel.linkedin.lead;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.model.VersionedLeadGenFormUrn;

/** A LeadContext over fixed forms and names that records every call. */
public final class FakeLeadContext implements LeadContext {

    private final Map<VersionedLeadGenFormUrn, LeadForm> forms = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    /** Every call, as {@code method(argument)}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    public FakeLeadContext form(LeadForm form) {
        forms.put(form.versionedUrn(), form);
        return this;
    }

    public FakeLeadContext name(String urn, String name) {
        names.put(urn, name);
        return this;
    }

    @Override
    public LeadForm formVersion(VersionedLeadGenFormUrn urn) {
        calls.add("formVersion(" + urn + ")");
        LeadForm form = forms.get(urn);
        if (form == null) {
            throw new IllegalStateException("404 Not Found: GET /rest/leadForms/" + urn.formId());
        }
        return form;
    }

    @Override
    public String accountName(String sponsoredAccountUrn) {
        calls.add("accountName(" + sponsoredAccountUrn + ")");
        return names.get(sponsoredAccountUrn);
    }

    @Override
    public String organizationName(String organizationUrn) {
        calls.add("organizationName(" + organizationUrn + ")");
        return names.get(organizationUrn);
    }

    @Override
    public String campaignName(String sponsoredAccountUrn, String campaignUrn) {
        calls.add("campaignName(" + campaignUrn + ")");
        return names.get(campaignUrn);
    }

    @Override
    public String eventName(String eventUrn) {
        calls.add("eventName(" + eventUrn + ")");
        return names.get(eventUrn);
    }
}
