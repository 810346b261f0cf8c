package io.leadsync.camel.linkedin.lead;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;

/**
 * A declarative field mapping (LGF-113): an ordered list of {@code target ← source} rules applied to a {@link Lead}.
 * <p>
 * A source is a field key as {@link Lead#field(String)} reads it ({@code WORK_EMAIL}, {@code 707234246},
 * {@code hidden:utm_source}, {@code consent:0}, {@code meta:leadId}), a constant {@code const:<text>}, or a
 * first-non-empty fallback {@code WORK_EMAIL|EMAIL|const:unknown}. Converters follow the source:
 * {@code :upper}, {@code :lower}, {@code :trim}, {@code :int}, {@code :bool}, {@code :date} (epoch ms → ISO-8601),
 * e.g. {@code meta:submittedAt:date} or {@code WORK_EMAIL|EMAIL:trim:lower}.
 * <p>
 * Mapping never throws: a source or a converter that fails becomes a {@link FieldError} naming the target, and the
 * other targets still map (LGF-111). Mappings are keyed on {@code predefinedField} names and question ids, never on
 * the displayed question text (LGF-115). Immutable and thread-safe.
 */
public final class LeadMapping {

    private static final String CONST_PREFIX = "const:";

    private final List<Rule> rules;

    private LeadMapping(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** One rule: the target, its sources in fallback order and its converters in order. */
    public record Rule(String target, String expression, List<String> sources, List<Converter> converters) {
    }

    /** The converters a source expression may end with. */
    public enum Converter {
        UPPER, LOWER, TRIM, INT, BOOL, DATE;

        static Converter named(String name) {
            for (Converter c : values()) {
                if (c.name().equalsIgnoreCase(name)) {
                    return c;
                }
            }
            return null;
        }

        Object apply(Object value) {
            if (value == null) {
                return null;
            }
            return switch (this) {
                case UPPER -> String.valueOf(value).toUpperCase(Locale.ROOT);
                case LOWER -> String.valueOf(value).toLowerCase(Locale.ROOT);
                case TRIM -> String.valueOf(value).strip();
                case INT -> toInt(value);
                case BOOL -> toBool(value);
                case DATE -> toDate(value);
            };
        }

        private static Object toInt(Object value) {
            long number;
            if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                number = ((Number) value).longValue();
            } else {
                try {
                    number = Long.parseLong(String.valueOf(value).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("is not an integer");
                }
            }
            // an Integer when it fits, so that `:int` gives one type for small numbers whatever the source
            if (number == (int) number) {
                return Integer.valueOf((int) number);
            }
            return Long.valueOf(number);
        }

        private static Object toBool(Object value) {
            if (value instanceof Boolean) {
                return value;
            }
            return switch (String.valueOf(value).strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1" -> Boolean.TRUE;
                case "false", "no", "n", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("is not a boolean (true/false, yes/no, 1/0)");
            };
        }

        private static Object toDate(Object value) {
            try {
                long millis = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value).strip());
                return Instant.ofEpochMilli(millis).toString();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("is not a time in epoch milliseconds");
            }
        }
    }

    /**
     * A mapping from {@code target → source expression} pairs, in the map's iteration order.
     *
     * @throws IllegalArgumentException on a malformed expression or an unknown {@code meta:} name (a configuration
     *                                  error, reported once at load time rather than on every lead)
     */
    public static LeadMapping parse(Map<String, String> targetToSource) {
        List<Rule> rules = new ArrayList<>();
        targetToSource.forEach((target, expression) -> rules.add(rule(target, expression)));
        return new LeadMapping(rules);
    }

    /** A mapping from properties; as {@link Properties} has no order, targets are sorted by name. */
    public static LeadMapping load(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            map.put(name, properties.getProperty(name));
        }
        return parse(map);
    }

    /**
     * A mapping from a properties file ({@code Email=WORK_EMAIL|EMAIL}), keeping the file's order. A flat YAML map
     * ({@code Email: WORK_EMAIL|EMAIL}) reads the same way; quotes around a value are removed.
     */
    public static LeadMapping load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the lead mapping " + file, e);
        }
    }

    /** A mapping read as a properties file from {@code reader}, keeping its order. */
    public static LeadMapping load(Reader reader) throws IOException {
        Map<String, String> ordered = new LinkedHashMap<>();
        Properties inOrder = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                ordered.put((String) key, unquote((String) value));
                return super.put(key, value);
            }
        };
        inOrder.load(reader);
        return parse(ordered);
    }

    /**
     * The default mapping of a generic contact table, one row per lead across forms: ids, form, time, contact
     * fields with fallbacks, metadata names.
     */
    public static LeadMapping defaultDatabaseMapping() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lead_id", "meta:leadId");
        m.put("lead_type", "meta:leadType");
        m.put("form_id", "meta:formId");
        m.put("form_name", "meta:formName");
        m.put("form_version", "meta:formVersion");
        m.put("submitted_at", "meta:submittedAt:date");
        m.put("test_lead", "meta:testLead:bool");
        m.put("first_name", "FIRST_NAME");
        m.put("last_name", "LAST_NAME");
        m.put("email", "WORK_EMAIL|EMAIL:trim");
        m.put("phone", "PHONE_NUMBER|WORK_PHONE_NUMBER");
        m.put("company", "COMPANY_NAME");
        m.put("job_title", "JOB_TITLE");
        m.put("city", "CITY");
        m.put("state", "STATE");
        m.put("country", "COUNTRY");
        m.put("zip_code", "ZIP_CODE");
        m.put("account_id", "meta:accountId");
        m.put("account_name", "meta:accountName");
        m.put("organization_id", "meta:organizationId");
        m.put("organization_name", "meta:organizationName");
        m.put("campaign_id", "meta:campaignId");
        m.put("campaign_name", "meta:campaignName");
        m.put("creative_id", "meta:creativeId");
        m.put("event_id", "meta:eventId");
        m.put("event_name", "meta:eventName");
        return parse(m);
    }

    /**
     * The default mapping to a Salesforce Lead, upserted on the external id {@code LinkedIn_Lead_Id__c}.
     * LastName and Company are required by Salesforce, hence their constant fallbacks.
     */
    public static LeadMapping defaultSalesforceLead() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("FirstName", "FIRST_NAME");
        m.put("LastName", "LAST_NAME|const:Unknown");
        m.put("Email", "WORK_EMAIL|EMAIL:trim");
        m.put("Company", "COMPANY_NAME|const:Unknown");
        m.put("Title", "JOB_TITLE");
        m.put("Phone", "PHONE_NUMBER|WORK_PHONE_NUMBER");
        m.put("City", "CITY");
        m.put("State", "STATE");
        m.put("Country", "COUNTRY");
        m.put("PostalCode", "ZIP_CODE");
        m.put("Industry", "INDUSTRY");
        m.put("LeadSource", "const:LinkedIn");
        m.put("LinkedIn_Lead_Id__c", "meta:leadId");
        m.put("LinkedIn_Form_Id__c", "meta:formId");
        m.put("LinkedIn_Form_Name__c", "meta:formName");
        m.put("LinkedIn_Campaign_Name__c", "meta:campaignName");
        m.put("LinkedIn_Submitted_At__c", "meta:submittedAt:date");
        m.put("LinkedIn_Test_Lead__c", "meta:testLead:bool");
        return parse(m);
    }

    /** The rules in order. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * Maps one lead; never throws. A target whose sources are all empty maps to {@code null}; a target whose source
     * or converter fails maps to {@code null} and records a field error naming the target.
     */
    public MappedLead apply(Lead lead) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Rule rule : rules) {
            Object value = null;
            String from = null;
            try {
                for (String source : rule.sources()) {
                    Object candidate = source.startsWith(CONST_PREFIX) ? source.substring(CONST_PREFIX.length()) : lead.field(source);
                    if (!isEmpty(candidate)) {
                        value = candidate;
                        from = source;
                        break;
                    }
                }
                for (Converter converter : rule.converters()) {
                    value = converter.apply(value);
                }
                values.put(rule.target(), value);
            } catch (RuntimeException e) {
                values.put(rule.target(), null);
                errors.add(new FieldError(rule.target(), "value of " + (from == null ? rule.expression() : from) + " "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        }
        return new MappedLead(values, errors);
    }

    /** The target values only (field errors dropped), for sinks that take a plain map. */
    public Map<String, Object> applyToMap(Lead lead) {
        return apply(lead).values();
    }

    private static Rule rule(String target, String expression) {
        Objects.requireNonNull(target, "target");
        if (target.isBlank() || expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("Lead mapping '" + target + "' needs a target and a source expression");
        }
        String rest = expression.strip();
        List<Converter> converters = new ArrayList<>();
        // converters are peeled off the end, so `const:a:b` keeps its colons unless the last part names a converter
        while (true) {
            int colon = rest.lastIndexOf(':');
            Converter converter = colon < 0 ? null : Converter.named(rest.substring(colon + 1));
            int lastSource = rest.lastIndexOf('|') + 1;
            boolean constantsOwnColon = rest.startsWith(CONST_PREFIX, lastSource) && colon == lastSource + CONST_PREFIX.length() - 1;
            if (converter == null || constantsOwnColon) {
                break;
            }
            converters.add(0, converter);
            rest = rest.substring(0, colon);
        }
        List<String> sources = new ArrayList<>();
        for (String part : rest.split("\\|", -1)) {
            String source = part.strip();
            if (source.isEmpty()) {
                throw new IllegalArgumentException("Lead mapping '" + target + "' has an empty source in '" + expression + "'");
            }
            if (source.startsWith(Lead.META_PREFIX) && !Lead.META_NAMES.contains(source.substring(Lead.META_PREFIX.length()))) {
                throw new IllegalArgumentException("Lead mapping '" + target + "' names an unknown meta field '" + source
                        + "'; expected one of " + Lead.META_NAMES);
            }
            if (source.startsWith(Lead.CONSENT_PREFIX) && !source.substring(Lead.CONSENT_PREFIX.length()).matches("\\d+")) {
                throw new IllegalArgumentException("Lead mapping '" + target + "' names consent '" + source + "'; expected consent:<id>");
            }
            sources.add(source);
        }
        return new Rule(target, expression, sources, converters);
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
