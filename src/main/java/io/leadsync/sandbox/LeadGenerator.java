package io.leadsync.sandbox;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Makes leads whose every answer is valid for the form version they name; all randomness is the caller's seeded Random. */
final class LeadGenerator {

    private static final String[] FIRST = {"Amara", "Lin", "Jonas", "Priya", "Mateo", "Sofia", "Kwame", "Yuki", "Elena",
        "Omar", "Chloé", "Lukas", "Aisha", "Diego", "Hannah", "Ravi", "Zoë", "Björn"};
    private static final String[] LAST = {"Okafor", "Chen", "Müller", "Sharma", "García", "Rossi", "Mensah", "Tanaka",
        "Ivanova", "Haddad", "Martin", "Schmidt", "Khan", "López", "O'Brien", "Patel"};
    private static final String[][] COMPANIES = {{"Contoso", "contoso.example"}, {"Fabrikam", "fabrikam.example"},
        {"Tailspin Toys", "tailspin.example"}, {"Wide World Importers", "wideworld.example"},
        {"Adventure Works", "adventure-works.example"}, {"Litware", "litware.example"},
        {"Proseware, Inc.", "proseware.example"}, {"Woodgrove Bank", "woodgrove.example"}};
    private static final String[] TITLES = {"Head of Data", "Data Engineer", "Marketing Manager", "CTO",
        "Analytics Lead", "VP Sales", "Product Owner", "Growth Marketer"};
    private static final String[] COUNTRIES = {"Nigeria", "United States", "Germany", "India", "Japan", "Brazil",
        "France", "United Kingdom"};
    private static final String[] CITIES = {"Lagos", "Seattle", "München", "Bengaluru", "Tokyo", "São Paulo", "Lyon"};
    private static final String[] SENIORITY = {"Entry", "Senior", "Manager", "Director", "VP", "CXO"};
    private static final String[] SIZES = {"1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "10001+"};
    private static final String[] FREE_TEXT = {"Stitching ad data to CRM, \"fast\"; 日本語 too",
        "Keeping dashboards in sync", "Data quality, mostly.", "We need one source of truth (finally)",
        "Real-time lead routing to sales", "GDPR-compliant retention"};

    /** The names as e-mail local parts, worked out once (Unicode normalisation is slow for every answer). */
    private static final java.util.Map<String, String> ASCII = new java.util.HashMap<>();

    static {
        for (String[] names : new String[][] {FIRST, LAST}) {
            for (String name : names) {
                ASCII.put(name, ascii(name));
            }
        }
    }

    private LeadGenerator() {
    }

    /** LinkedIn-shaped lead ids: a random UUID and a digit, e.g. {@code 249592fc-d272-44ba-a7db-c2bdce579507-6}. */
    static String leadId(Random random) {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb) + "-" + random.nextInt(10);
    }

    static ObjectNode lead(Random random, FormRecord form, ObjectNode version, long submittedAt, boolean test,
                           SandboxWorld world) {
        String first = pick(random, FIRST);
        String last = pick(random, LAST);
        String[] company = COMPANIES[random.nextInt(COMPANIES.length)];
        ObjectNode lead = Json.object();
        lead.put("id", leadId(random));
        lead.put("leadType", form.leadType);
        lead.set("owner", version.get("owner").deepCopy());
        lead.put("submitter", "urn:li:person:" + memberId(random));
        lead.put("submittedAt", submittedAt);
        lead.put("testLead", test);
        lead.put("versionedLeadGenFormUrn", FormRecord.versionedUrn(form.id, version.get("versionId").asInt()));
        if ("EVENT".equals(form.leadType)) {
            lead.putObject("associatedEntity").put("event", "urn:li:event:" + SandboxWorld.EVENT_ID);
        } else if (form.campaignId != null) {
            List<String> creatives = world.creativesOf(form.campaignId);
            if (!creatives.isEmpty()) {
                lead.putObject("associatedEntity").put("associatedCreative", creatives.get(random.nextInt(creatives.size())));
            }
            lead.putObject("leadMetadata").putObject("sponsoredLeadMetadata")
                    .put("campaign", "urn:li:sponsoredCampaign:" + form.campaignId);
        }
        ObjectNode response = lead.putObject("formResponse");
        ArrayNode answers = response.putArray("answers");
        for (JsonNode q : version.get("content").get("questions")) {
            if (!q.path("responseRequired").asBoolean() && random.nextInt(10) >= 7) {
                continue;
            }
            ObjectNode answer = answers.addObject();
            answer.put("questionId", q.get("questionId").asLong());
            ObjectNode details = answer.putObject("answerDetails");
            JsonNode choice = q.path("questionDetails").get("multipleChoiceQuestionDetails");
            if (choice != null) {
                JsonNode options = choice.get("options");
                details.putObject("multipleChoiceAnswer").putArray("options")
                        .add(options.get(random.nextInt(options.size())).get("id").asInt());
            } else {
                int max = q.path("questionDetails").path("textQuestionDetails").path("maxResponseLength").asInt(300);
                String text = answer(random, q.path("predefinedField").asText(null), first, last, company);
                details.putObject("textQuestionAnswer").put("answer", text.length() > max ? text.substring(0, max) : text);
            }
        }
        ArrayNode consents = response.putArray("consentResponses");
        for (JsonNode c : version.path("content").path("legalInfo").path("consents")) {
            ObjectNode consent = consents.addObject();
            consent.put("consentId", c.get("id").asInt());
            consent.put("accepted", c.path("checkRequired").asBoolean() || random.nextBoolean());
        }
        return lead;
    }

    /**
     * Breaks a valid lead's answers the ways real leads arrive broken (LGF-111): its first multiple-choice answer
     * names an option id the question does not have, its first text answer is longer than the question's
     * {@code maxResponseLength}, and it gains an answer to a question id that is on no version of the form. A form
     * version without a multiple-choice (or text) question gets no broken answer of that kind.
     */
    static void corruptAnswers(ObjectNode lead, ObjectNode version) {
        ArrayNode answers = (ArrayNode) lead.get("formResponse").get("answers");
        long maxQuestionId = 0;
        JsonNode firstChoice = null;
        JsonNode firstText = null;
        for (JsonNode q : version.get("content").get("questions")) {
            maxQuestionId = Math.max(maxQuestionId, q.path("questionId").asLong());
            ObjectNode answer = answerTo(answers, q.path("questionId").asLong());
            if (answer == null) {
                continue;
            }
            if (firstChoice == null && q.path("questionDetails").has("multipleChoiceQuestionDetails")) {
                firstChoice = q;
                int unknown = 0;
                for (JsonNode option : q.path("questionDetails").path("multipleChoiceQuestionDetails").path("options")) {
                    unknown = Math.max(unknown, option.path("id").asInt());
                }
                ((ObjectNode) answer.get("answerDetails")).putObject("multipleChoiceAnswer").putArray("options").add(unknown + 1000);
            } else if (firstText == null && q.path("questionDetails").has("textQuestionDetails")) {
                firstText = q;
                int max = q.path("questionDetails").path("textQuestionDetails").path("maxResponseLength").asInt(300);
                String text = answer.path("answerDetails").path("textQuestionAnswer").path("answer").asText();
                ((ObjectNode) answer.get("answerDetails")).putObject("textQuestionAnswer")
                        .put("answer", text + " " + "x".repeat(Math.max(1, max - text.length())));
            }
        }
        // question ids are assigned upwards from the form's highest one, so this one is on no version yet
        ObjectNode stray = answers.addObject();
        stray.put("questionId", maxQuestionId + 1_000_000L);
        stray.putObject("answerDetails").putObject("textQuestionAnswer").put("answer", "an answer to a removed question");
    }

    private static ObjectNode answerTo(ArrayNode answers, long questionId) {
        for (JsonNode answer : answers) {
            if (answer.path("questionId").asLong() == questionId) {
                return (ObjectNode) answer;
            }
        }
        return null;
    }

    private static String answer(Random random, String field, String first, String last, String[] company) {
        if (field == null) {
            return pick(random, FREE_TEXT);
        }
        String local = ASCII.get(first) + "." + ASCII.get(last);
        return switch (field) {
            case "FIRST_NAME" -> first;
            case "LAST_NAME" -> last;
            case "EMAIL" -> local + random.nextInt(100) + "@mail.example";
            case "WORK_EMAIL" -> local + "@" + company[1];
            case "PHONE_NUMBER", "WORK_PHONE_NUMBER" -> "+1 555 01" + (10 + random.nextInt(90));
            case "CITY" -> pick(random, CITIES);
            case "STATE" -> "WA";
            case "COUNTRY" -> pick(random, COUNTRIES);
            case "ZIP_CODE" -> String.valueOf(10000 + random.nextInt(89999));
            case "JOB_TITLE" -> pick(random, TITLES);
            case "SENIORITY" -> pick(random, SENIORITY);
            case "COMPANY_NAME" -> company[0];
            case "COMPANY_SIZE" -> pick(random, SIZES);
            case "LINKEDIN_PROFILE_LINK" -> "https://www.linkedin.com/in/" + local;
            default -> "n/a";
        };
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    private static String memberId(Random random) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
