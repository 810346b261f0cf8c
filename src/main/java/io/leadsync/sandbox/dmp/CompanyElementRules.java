package io.leadsync.sandbox.dmp;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks one element of {@code POST /rest/dmpSegments/{id}/companies}: action, identifiers, extra fields. */
final class CompanyElementRules implements ElementRules {

    /** The fields that identify a company, strongest first: the first one present keys the member set. */
    private static final List<String> IDENTIFIERS = List.of(
            "organizationUrn", "companyWebsiteDomain", "companyEmailDomain", "companyPageUrl", "companyName");
    private static final Pattern ORGANIZATION_URN = Pattern.compile("urn:li:organization:\\d+");

    @Override
    public String problem(JsonNode element) {
        return Fields.first(
                Fields.action(element),
                identifiers(element),
                organizationUrn(element),
                Fields.maxLength(element, "companyPageUrl", 100),
                Fields.maxLength(element, "stockSymbol", 5),
                industries(element.get("industries")),
                Fields.country(element));
    }

    @Override
    public String identity(JsonNode element) {
        for (String field : IDENTIFIERS) {
            if (Fields.nonBlank(element, field)) {
                return field + ":" + Fields.text(element, field).trim().toLowerCase(Locale.ROOT);
            }
        }
        throw new IllegalStateException("identity asked for a company element without identifier");
    }

    private static String identifiers(JsonNode element) {
        return IDENTIFIERS.stream().anyMatch(field -> Fields.nonBlank(element, field)) ? null
                : "At least one company identifier is required";
    }

    private static String organizationUrn(JsonNode element) {
        String urn = Fields.text(element, "organizationUrn");
        return urn == null || urn.isBlank() || ORGANIZATION_URN.matcher(urn).matches() ? null
                : "organizationUrn must look like urn:li:organization:{id}";
    }

    private static String industries(JsonNode industries) {
        if (industries == null || industries.isNull()) {
            return null;
        }
        if (!industries.isArray()) {
            return "industries must be a list of industry names";
        }
        return industries.size() > 3 ? "industries must hold at most 3 entries" : null;
    }
}
