package io.leadsync.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The seeded lead forms: sponsored with three versions, archived German, event, company and product page. */
final class SeededForms {

    static final long WHITEPAPER = 7234246L;
    static final long DEMO_DE = 7234255L;
    static final long EVENT_REGISTRATION = 7234300L;
    static final long NEWSLETTER = 7234310L;
    static final long PRODUCT_DEMO = 7234320L;

    private SeededForms() {
    }

    static List<FormRecord> create(Instant now) {
        return List.of(whitepaper(), demoDe(now), eventRegistration(now), newsletter(now), productDemo(now));
    }

    /** Version 3 is fixtures/lead-form.json; 2 lacks company, job title, country, free text; 1 also consent 1. */
    private static FormRecord whitepaper() {
        ObjectNode v3 = (ObjectNode) Json.resource("lead-form-7234246-v3.json");
        ObjectNode v2 = v3.deepCopy();
        v2.put("versionId", 2);
        v2.put("lastModified", v3.get("created").asLong() + Duration.ofDays(7).toMillis());
        ((ObjectNode) v2.get("reviewInfo")).put("lastUpdated", v2.get("lastModified").asLong());
        ArrayNode questions = (ArrayNode) v2.get("content").get("questions");
        Set<Long> removed = Set.of(307234249L, 307234250L, 307234251L, 707234247L);
        for (int i = questions.size() - 1; i >= 0; i--) {
            if (removed.contains(questions.get(i).get("questionId").asLong())) {
                questions.remove(i);
            }
        }
        ObjectNode v1 = v2.deepCopy();
        v1.put("versionId", 1);
        v1.put("lastModified", v3.get("created").asLong());
        ((ObjectNode) v1.get("reviewInfo")).put("lastUpdated", v1.get("lastModified").asLong());
        ((ArrayNode) v1.get("content").get("legalInfo").get("consents")).remove(1);
        return new FormRecord(WHITEPAPER, "SPONSORED", 198356826L, List.of(v1, v2, v3));
    }

    private static FormRecord demoDe(Instant now) {
        ObjectNode form = form(DEMO_DE, "Demo request", "ARCHIVED", sponsored(), "DE", "de", now.minus(Duration.ofDays(395)));
        ObjectNode content = content(form, "de_DE", "Demo anfragen", "Wir melden uns innerhalb eines Tages.");
        ArrayNode q = content.putArray("questions");
        q.add(text(30723425501L, "Vorname", "firstName", "de_DE", "Vorname", "FIRST_NAME", true, 300));
        q.add(text(30723425502L, "Nachname", "lastName", "de_DE", "Nachname", "LAST_NAME", true, 300));
        q.add(text(30723425503L, "E-Mail", "workEmail", "de_DE", "Geschäftliche E-Mail-Adresse", "WORK_EMAIL", true, 300));
        q.add(text(30723425504L, "Firma", "company", "de_DE", "Firmenname", "COMPANY_NAME", true, 300));
        q.add(choice(70723425501L, "Custom question 0", "startWhen", "de_DE", "Wann möchten Sie starten?", true,
                "Sofort", "In drei Monaten", "Später"));
        legal(content, 91002, "https://northwind.example.com/de/datenschutz", "de_DE",
                "Mit dem Absenden stimmen Sie unseren Bedingungen zu.", consent(0, true, "de_DE",
                        "Ich bin einverstanden, kontaktiert zu werden."));
        return new FormRecord(DEMO_DE, "SPONSORED", 198356840L, List.of(form));
    }

    private static FormRecord eventRegistration(Instant now) {
        ObjectNode form = form(EVENT_REGISTRATION, "Northwind Data Summit registration", "PUBLISHED",
                organization(2414183L), "US", "en", now.minus(Duration.ofDays(380)));
        form.putArray("hiddenFields").add(hidden("event", "data-summit-2026"));
        ObjectNode content = content(form, "en_US", "Register for Northwind Data Summit", "Save your seat.");
        ArrayNode q = content.putArray("questions");
        q.add(text(401, "First name", "firstName", "en_US", "First name", "FIRST_NAME", true, 300));
        q.add(text(402, "Last name", "lastName", "en_US", "Last name", "LAST_NAME", true, 300));
        q.add(text(403, "Email", "email", "en_US", "Email address", "EMAIL", true, 300));
        q.add(text(404, "Company name", "company", "en_US", "Company name", "COMPANY_NAME", false, 300));
        q.add(text(405, "Job title", "jobTitle", "en_US", "Job title", "JOB_TITLE", false, 300));
        legal(content, 91003, "https://northwind.example.com/privacy", "en_US", "Event terms apply.");
        return new FormRecord(EVENT_REGISTRATION, "EVENT", null, List.of(form));
    }

    private static FormRecord newsletter(Instant now) {
        ObjectNode form = form(NEWSLETTER, "Northwind newsletter", "PUBLISHED", organization(2414183L), "US", "en",
                now.minus(Duration.ofDays(410)));
        form.putArray("hiddenFields").add(hidden("source", "company-page"));
        ObjectNode content = content(form, "en_US", "Monthly data tips", "One email a month, no spam.");
        ArrayNode q = content.putArray("questions");
        q.add(text(501, "First name", "firstName", "en_US", "First name", "FIRST_NAME", true, 300));
        q.add(text(502, "Last name", "lastName", "en_US", "Last name", "LAST_NAME", false, 300));
        q.add(text(503, "Email", "email", "en_US", "Email address", "EMAIL", true, 300));
        q.add(text(504, "Company size", "companySize", "en_US", "Company size", "COMPANY_SIZE", false, 300));
        q.add(choice(505, "Custom question 0", "topic", "en_US", "Which topic interests you most?", true,
                "Data engineering", "Analytics", "Machine learning", "Governance"));
        legal(content, 91004, "https://northwind.example.com/privacy", "en_US", "Unsubscribe any time.",
                consent(0, true, "en_US", "I agree to receive the newsletter."));
        return new FormRecord(NEWSLETTER, "COMPANY", null, List.of(form));
    }

    private static FormRecord productDemo(Instant now) {
        ObjectNode form = form(PRODUCT_DEMO, "Northwind Analytics demo", "PUBLISHED", organization(2414190L), "GB", "en",
                now.minus(Duration.ofDays(405)));
        form.putArray("hiddenFields").add(hidden("product", "northwind-analytics"));
        ObjectNode content = content(form, "en_GB", "See Northwind Analytics in action", "A 30-minute tour.");
        ArrayNode q = content.putArray("questions");
        q.add(text(601, "First name", "firstName", "en_GB", "First name", "FIRST_NAME", true, 300));
        q.add(text(602, "Last name", "lastName", "en_GB", "Last name", "LAST_NAME", true, 300));
        q.add(text(603, "Work email", "workEmail", "en_GB", "Work email address", "WORK_EMAIL", true, 300));
        q.add(text(604, "Phone", "phone", "en_GB", "Phone number", "PHONE_NUMBER", false, 300));
        q.add(text(605, "Seniority", "seniority", "en_GB", "Seniority", "SENIORITY", false, 300));
        q.add(text(606, "Custom question 0", "wishes", "en_GB", "What would you like to see?", null, false, 500));
        legal(content, 91005, "https://northwind.example.com/privacy", "en_GB", "We will contact you about the demo.",
                consent(0, false, "en_GB", "You may call me."));
        return new FormRecord(PRODUCT_DEMO, "ORGANIZATION_PRODUCT", null, List.of(form));
    }

    static ObjectNode sponsored() {
        ObjectNode owner = Json.object();
        owner.put("sponsoredAccount", "urn:li:sponsoredAccount:507857085");
        return owner;
    }

    static ObjectNode organization(long id) {
        ObjectNode owner = Json.object();
        owner.put("organization", "urn:li:organization:" + id);
        return owner;
    }

    private static ObjectNode form(long id, String name, String state, ObjectNode owner, String country,
                                   String language, Instant created) {
        ObjectNode form = Json.object();
        form.put("id", id);
        form.put("name", name);
        form.put("state", state);
        form.put("versionId", 1);
        form.set("owner", owner);
        ObjectNode locale = form.putObject("creationLocale");
        locale.put("country", country);
        locale.put("language", language);
        form.put("created", created.toEpochMilli());
        form.put("lastModified", created.toEpochMilli());
        ObjectNode review = form.putObject("reviewInfo");
        review.put("reviewStatus", "APPROVED");
        review.putArray("rejectionReasons");
        review.put("lastUpdated", created.toEpochMilli());
        form.putArray("hiddenFields");
        return form;
    }

    private static ObjectNode content(ObjectNode form, String locale, String headline, String description) {
        ObjectNode content = form.putObject("content");
        content.set("headline", localized(locale, headline));
        content.set("description", localized(locale, description));
        return content;
    }

    private static void legal(ObjectNode content, long id, String privacyUrl, String locale, String disclaimer,
                              ObjectNode... consents) {
        ObjectNode legal = content.putObject("legalInfo");
        legal.put("legalInfoId", id);
        legal.put("privacyPolicyUrl", privacyUrl);
        legal.set("legalDisclaimer", localized(locale, disclaimer));
        ArrayNode list = legal.putArray("consents");
        for (ObjectNode c : consents) {
            list.add(c);
        }
        ObjectNode post = content.putObject("postSubmissionInfo");
        post.set("message", localized(locale, "Thank you!"));
    }

    private static ObjectNode consent(int id, boolean required, String locale, String text) {
        ObjectNode consent = Json.object();
        consent.put("id", id);
        consent.put("checkRequired", required);
        consent.set("consent", localized(locale, text));
        return consent;
    }

    private static ObjectNode hidden(String name, String value) {
        ObjectNode field = Json.object();
        field.put("name", name);
        field.put("value", value);
        return field;
    }

    static ObjectNode localized(String locale, String text) {
        ObjectNode node = Json.object();
        node.putObject("localized").put(locale, text);
        return node;
    }

    private static ObjectNode question(long id, String name, String label, String locale, String text,
                                       String predefined, boolean required) {
        ObjectNode q = Json.object();
        q.put("questionId", id);
        q.put("name", name);
        q.put("label", label);
        q.set("question", localized(locale, text));
        if (predefined != null) {
            q.put("predefinedField", predefined);
        }
        q.put("responseRequired", required);
        return q;
    }

    private static ObjectNode text(long id, String name, String label, String locale, String text, String predefined,
                                   boolean required, int maxLength) {
        ObjectNode q = question(id, name, label, locale, text, predefined, required);
        q.putObject("questionDetails").putObject("textQuestionDetails").put("maxResponseLength", maxLength);
        return q;
    }

    private static ObjectNode choice(long id, String name, String label, String locale, String text, boolean required,
                                     String... options) {
        ObjectNode q = question(id, name, label, locale, text, null, required);
        ArrayNode list = q.putObject("questionDetails").putObject("multipleChoiceQuestionDetails").putArray("options");
        for (int i = 0; i < options.length; i++) {
            ObjectNode option = list.addObject();
            option.put("id", i);
            option.set("text", localized(locale, options[i]));
        }
        return q;
    }
}
