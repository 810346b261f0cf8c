package io.leadsync.app.signoff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.leadsync.camel.linkedin.audience.ElementResult;
import io.leadsync.camel.linkedin.audience.SegmentBatchResult;
import io.leadsync.camel.linkedin.audience.SegmentSummary;
import io.leadsync.camel.linkedin.model.DmpSegment;
import org.apache.camel.Exchange;

/**
 * Matched Audiences (MA-102…107): a user and a company segment created on the ad account, members added and
 * removed with their extra fields, and the segments read back until LinkedIn has processed them. The sandbox
 * matches about three in four users and answers READY ten seconds after the last change, as LinkedIn settles.
 */
final class AudienceSteps {

    /**
     * One endpoint for every segments call, the operation in a header: LinkedIn answers 404 for a few seconds after
     * a segment is created, and the endpoint that created it retries those (as routes/audience-sync.yaml does).
     */
    private static final String SEGMENTS = "linkedin-leadsync:segments";
    private static final String OPERATION = "CamelLinkedInOperation";
    private static final int USERS = 700;
    private static final int REMOVED_USERS = 50;

    private final SignOffContext ctx;
    private Long users;
    private Long companies;
    private long expectedUsers;
    private long expectedCompanies;

    AudienceSteps(SignOffContext ctx) {
        this.ctx = ctx;
    }

    List<SignOffStep> steps() {
        return List.of(
                new SignOffStep("MA-105-USERS", SignOffIds.title("MA-105-USERS"), e -> {
                    users = create(e, "Sign-off newsletter readers", "USER");
                    return "USER segment " + users + " created on " + SignOffContext.AD_ACCOUNT;
                }),
                new SignOffStep("MA-105-COMPANIES", SignOffIds.title("MA-105-COMPANIES"), e -> {
                    companies = create(e, "Sign-off target accounts", "COMPANY");
                    return "COMPANY segment " + companies + " created on " + SignOffContext.AD_ACCOUNT;
                }),
                new SignOffStep("MA-106-USERS", SignOffIds.title("MA-106-USERS"), this::addAndRemoveUsers),
                new SignOffStep("MA-107-USERS", SignOffIds.title("MA-107-USERS"), this::userFields),
                new SignOffStep("MA-106-COMPANIES", SignOffIds.title("MA-106-COMPANIES"), this::addAndRemoveCompanies),
                new SignOffStep("MA-107-COMPANIES", SignOffIds.title("MA-107-COMPANIES"), this::companyFields),
                new SignOffStep("MA-102", SignOffIds.title("MA-102"), this::listed),
                new SignOffStep("MA-103", SignOffIds.title("MA-103"), this::status),
                new SignOffStep("MA-104", SignOffIds.title("MA-104"), this::matchRate));
    }

    private Long create(Evidence e, String name, String type) throws Exception {
        DmpSegment segment = ctx.request(SEGMENTS, Map.of("name", name, "type", type, "account", SignOffContext.AD_ACCOUNT),
                Map.of(OPERATION, "createSegment"), DmpSegment.class);
        e.require(segment.id() != null && type.equals(segment.type()), "createSegment: %s segment %d '%s' on %s", segment.type(), segment.id(), name, segment.account());
        e.require(ctx.app.world().withArray("dmpSegments").valueStream().anyMatch(s -> s.path("id").asLong() == segment.id()),
                "LinkedIn holds segment %d", segment.id());
        return segment.id();
    }

    private SegmentBatchResult upload(String operation, long segment, Object body) throws Exception {
        Exchange answer = ctx.call(SEGMENTS, body, Map.of(OPERATION, operation, "CamelLinkedInSegmentId", segment));
        if (answer.getException() != null) {
            throw answer.getException();
        }
        return answer.getMessage().getBody(SegmentBatchResult.class);
    }

    private String addAndRemoveUsers(Evidence e) throws Exception {
        e.require(users != null, "MA-105-USERS created the segment");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            many.add(Map.of("email", "reader" + i + "@signoff.example"));
        }
        long calls = ctx.stats().calls("BATCH_CREATE dmpSegments/users");
        SegmentBatchResult added = upload("addUsers", users, many);
        e.requireEqual(USERS, added.acceptedCount(), "addUsers of " + USERS + " hashed emails: accepted");
        SegmentBatchResult one = upload("addUsers", users, Map.of("email", "one.more@signoff.example"));
        e.requireEqual(1, one.acceptedCount(), "addUsers of one user: accepted");
        SegmentBatchResult removed = upload("removeUsers", users, many.subList(0, REMOVED_USERS));
        e.require(removed.acceptedCount() == REMOVED_USERS && "REMOVE".equals(removed.action()), "removeUsers of %d: accepted %d", REMOVED_USERS,
                removed.acceptedCount());
        e.note("LinkedIn answered %d BATCH_CREATE dmpSegments/users calls", ctx.stats().calls("BATCH_CREATE dmpSegments/users") - calls);
        expectedUsers += USERS + 1 - REMOVED_USERS;
        return USERS + " users added in one request, 1 added alone, " + REMOVED_USERS + " removed";
    }

    private String userFields(Evidence e) throws Exception {
        e.require(users != null, "MA-105-USERS created the segment");
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("email", "ada.lovelace@signoff.example");
        full.put("firstName", "Ada");
        full.put("lastName", "Lovelace");
        full.put("title", "Head of Data");
        full.put("company", "Analytical Engines");
        full.put("country", "GB");
        Map<String, Object> wrongCountry = new LinkedHashMap<>(full);
        wrongCountry.put("email", "charles.babbage@signoff.example");
        wrongCountry.put("country", "United Kingdom");
        SegmentBatchResult result = upload("addUsers", users, List.of(full, wrongCountry));
        ElementResult ok = result.elements().get(0);
        ElementResult refused = result.elements().get(1);
        e.require(ok.accepted(), "a user with firstName, lastName, title, company, country GB: %s", ok.status());
        e.require(!refused.accepted() && refused.message() != null && refused.message().contains("country"),
                "the same with country 'United Kingdom' is refused by LinkedIn on that field: %s", refused.message());
        expectedUsers += 1;
        return "first name, last name, title, company and country sent and checked by LinkedIn (a bad country refused: " + refused.message() + ")";
    }

    private String addAndRemoveCompanies(Evidence e) throws Exception {
        e.require(companies != null, "MA-105-COMPANIES created the segment");
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.add(Map.of("companyName", "Sign-off Company " + i, "companyWebsiteDomain", "company" + i + ".signoff.example"));
        }
        SegmentBatchResult added = upload("addCompanies", companies, many);
        e.requireEqual(5, added.acceptedCount(), "addCompanies of 5: accepted");
        SegmentBatchResult removed = upload("removeCompanies", companies, many.get(0));
        e.require(removed.acceptedCount() == 1 && "REMOVE".equals(removed.action()), "removeCompanies of one: accepted %d", removed.acceptedCount());
        expectedCompanies += 4;
        return "5 companies added, 1 removed";
    }

    private String companyFields(Evidence e) throws Exception {
        e.require(companies != null, "MA-105-COMPANIES created the segment");
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("companyName", "Contoso");
        full.put("companyWebsiteDomain", "contoso.example");
        full.put("organizationUrn", "urn:li:organization:1035");
        full.put("stockSymbol", "CTSO");
        full.put("industries", List.of("Software Development"));
        full.put("country", "NG");
        Map<String, Object> longSymbol = new LinkedHashMap<>(full);
        longSymbol.put("companyWebsiteDomain", "fabrikam.example");
        longSymbol.put("organizationUrn", "urn:li:organization:1036");
        longSymbol.put("stockSymbol", "FABRIKAM");
        SegmentBatchResult result = upload("addCompanies", companies, List.of(full, longSymbol));
        e.require(result.elements().get(0).accepted(), "a company with domain, page URN, stock symbol, industries, country: accepted");
        String refused = result.elements().get(1).message();
        e.require(!result.elements().get(1).accepted() && refused != null && refused.contains("stockSymbol"),
                "stock symbol 'FABRIKAM' refused by LinkedIn on that field: %s", refused);
        expectedCompanies += 1;
        return "domain, organization, stock symbol, industries and country sent and checked (" + refused + ")";
    }

    private SegmentSummary summary(long id) throws Exception {
        return ctx.request(SEGMENTS, null, Map.of(OPERATION, "getSegment", "CamelLinkedInSegmentId", id), SegmentSummary.class);
    }

    private String listed(Evidence e) throws Exception {
        List<?> segments = ctx.request(SEGMENTS, null, Map.of(OPERATION, "listSegments", "CamelLinkedInOwner", SignOffContext.AD_ACCOUNT), List.class);
        List<Long> ids = segments.stream().map(s -> ((SegmentSummary) s).id()).toList();
        e.require(ids.contains(users) && ids.contains(companies), "listSegments of %s (this integration's source platform): %s", SignOffContext.AD_ACCOUNT, ids);
        return ids.size() + " segments of this integration on the ad account: " + ids;
    }

    private String status(Evidence e) throws Exception {
        SegmentSummary u = summary(users);
        SegmentSummary c = summary(companies);
        e.note("right after the uploads: users %s, companies %s", u.status(), c.status());
        Waits.until(Duration.ofSeconds(90), "both segments READY", () -> "READY".equals(summary(users).status()) && "READY".equals(summary(companies).status()));
        e.note("then: users %s, companies %s", summary(users).status(), summary(companies).status());
        return "users and companies segments " + u.status() + " while LinkedIn processes them, then READY";
    }

    private String matchRate(Evidence e) throws Exception {
        SegmentSummary u = summary(users);
        SegmentSummary c = summary(companies);
        e.requireEqual(expectedUsers, u.inputCount(), "users in the segment (added − removed)");
        e.requireEqual(expectedCompanies, c.inputCount(), "companies in the segment");
        e.require(u.matchRate() != null && u.matchRate() > 0.5 && u.matchRate() < 0.95 && u.matchRate() == (double) u.matchedCount() / u.inputCount(),
                "match rate %.3f = %d matched / %d", u.matchRate(), u.matchedCount(), u.inputCount());
        e.require(u.audienceSize() != null && u.audienceSize() >= 300 && u.readyToServe(), "audience size %d, ready to serve %s", u.audienceSize(), u.readyToServe());
        e.require(c.audienceSize() != null && !c.readyToServe(), "the company segment: audience size %d under 300, so not ready to serve", c.audienceSize());
        return String.format(java.util.Locale.ROOT, "users: match rate %.1f %% (%d of %d), audience %d, ready to serve; companies: %d, not ready (< 300)",
                u.matchRate() * 100, u.matchedCount(), u.inputCount(), u.audienceSize(), c.inputCount());
    }
}
