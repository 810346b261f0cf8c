package io.leadsync.camel.linkedin;

import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadJson;
import org.apache.camel.Converter;

/**
 * Type converters for the consumer's body, so routes use simple, jsonpath and JDBC named parameters on leads without
 * code: {@code convertBodyTo(Map.class)}, {@code convertBodyTo(String.class)} (JSON), and a whole page as a JSON array.
 */
@Converter(generateLoader = true)
public final class LeadConverters {

    private LeadConverters() {
    }

    /** A lead as a flat map ({@link Lead#toMap()}): answers by key, {@code meta:}, {@code hidden:} and {@code consent:} entries. */
    @Converter
    public static Map<String, Object> toMap(Lead lead) {
        return lead.toMap();
    }

    /** A lead as its JSON object. */
    @Converter
    public static String toJson(Lead lead) {
        return LeadJson.toJson(lead);
    }

    /** A page of leads as a JSON array; for lists of anything else it declines (null), leaving them to other converters. */
    @Converter
    public static String toJson(List<?> leads) {
        for (Object element : leads) {
            if (!(element instanceof Lead)) {
                return null;
            }
        }
        return leads.isEmpty() ? null : LeadJson.write(leads);
    }
}
