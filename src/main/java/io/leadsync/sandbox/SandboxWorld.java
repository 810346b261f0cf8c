package io.leadsync.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The seeded LinkedIn world: one member, two ad accounts, two pages, roles, an event, campaigns, creatives, forms
 * with versions and leads. The same seed gives the same world.
 */
final class SandboxWorld {

    static final String MEMBER_ID = "aB3dE5fG7h";
    static final String MEMBER_URN = "urn:li:person:" + MEMBER_ID;
    static final String MEMBER_GIVEN_NAME = "Dana";
    static final String MEMBER_FAMILY_NAME = "Reyes";
    static final String MEMBER_EMAIL = "dana.reyes@example.com";
    static final String EVENT_ID = "7301000000000000001";
    static final Duration LEAD_WINDOW = Duration.ofDays(400);

    private final Clock clock;
    private final Random random;
    final List<ObjectNode> adAccounts = new ArrayList<>();
    final List<ObjectNode> adAccountUsers = new ArrayList<>();
    final Map<Long, String> organizations = new LinkedHashMap<>();
    final List<ObjectNode> organizationAcls = new ArrayList<>();
    final List<ObjectNode> events = new ArrayList<>();
    final Map<Long, ObjectNode> campaigns = new LinkedHashMap<>();
    final Map<String, ObjectNode> creatives = new LinkedHashMap<>();
    final Map<Long, FormRecord> forms = new LinkedHashMap<>();
    final LeadStore leads;
    private final AtomicLong nextFormId = new AtomicLong(7234400L);
    private final long seed;
    private volatile SandboxJournal journal = SandboxJournal.NONE;
    private final AtomicLong formChanges = new AtomicLong();

    /**
     * Seeds the world as of {@code now}: the same seed, lead count and instant give the same world (a restarted
     * sandbox on a data directory passes the instant of its first start).
     */
    SandboxWorld(Clock clock, long seed, int leadCount, Instant now) {
        this.clock = clock;
        this.seed = seed;
        this.random = new Random(seed);
        this.leads = new LeadStore(clock);
        account(507857085L, "Northwind Ads", "USD", "ACTIVE");
        account(507857099L, "Northwind EMEA", "EUR", "CANCELED");
        accountUser(507857085L, "CAMPAIGN_MANAGER");
        accountUser(507857099L, "VIEWER");
        organizations.put(2414183L, "Northwind Traders");
        organizations.put(2414190L, "Northwind Products");
        acl(2414183L, "LEAD_GEN_FORMS_MANAGER");
        acl(2414190L, "ADMINISTRATOR");
        event(now);
        campaign(198356826L, 507857085L, "Q1 whitepaper: 2026 data report", now);
        campaign(198356840L, 507857085L, "DACH demo requests", now);
        creative("241257736", 198356826L, "Whitepaper single image", now);
        creative("241257790", 198356826L, "Whitepaper carousel", now);
        creative("241257801", 198356840L, "Demo video (DE)", now);
        SeededForms.create(now).forEach(f -> forms.put(f.id, f));
        seedLeads(leadCount, now);
    }

    String memberId() {
        return MEMBER_ID;
    }

    String memberName() {
        return MEMBER_GIVEN_NAME + " " + MEMBER_FAMILY_NAME;
    }

    /**
     * Seeds the leads. Drawing them from the seeded random is sequential; serializing them, half the work, runs on a
     * second thread, one batch behind. Batches are small so that the JSON trees die young: with batches of 20,000 a
     * million leads spent 29 s in GC copying trees that were about to become garbage, with 2,000 about 5 s.
     */
    private void seedLeads(int count, Instant now) {
        long windowStart = now.minus(LEAD_WINDOW).toEpochMilli();
        long window = LEAD_WINDOW.toMillis();
        Map<String, ObjectNode> versions = new HashMap<>();
        ExecutorService serializer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sandbox-seeding");
            t.setDaemon(true);
            return t;
        });
        try {
            List<ObjectNode> batch = new ArrayList<>();
            List<ObjectNode> inFlight = null;
            Future<List<byte[]>> serialized = null;
            for (int i = 0; i < count; i++) {
                int bucket = random.nextInt(100);
                double position = random.nextDouble();
                FormRecord form;
                int versionId = 1;
                if (bucket < 50) {
                    form = forms.get(SeededForms.WHITEPAPER);
                    versionId = position < 0.15 ? 1 : position < 0.40 ? 2 : 3;
                } else if (bucket < 60) {
                    form = forms.get(SeededForms.DEMO_DE);
                    position *= 0.6;
                } else if (bucket < 75) {
                    form = forms.get(SeededForms.EVENT_REGISTRATION);
                } else if (bucket < 90) {
                    form = forms.get(SeededForms.NEWSLETTER);
                } else {
                    form = forms.get(SeededForms.PRODUCT_DEMO);
                }
                long submittedAt = windowStart + (long) (position * window);
                boolean test = random.nextInt(100) < 5;
                FormRecord f = form;
                int v = versionId;
                ObjectNode version = versions.computeIfAbsent(FormRecord.versionedUrn(f.id, v), k -> f.version(v));
                batch.add(LeadGenerator.lead(random, form, version, submittedAt, test, this));
                if (batch.size() == 2_000 || i == count - 1) {
                    if (serialized != null) {
                        leads.addSeeded(inFlight, serialized.get());
                    }
                    List<ObjectNode> toSerialize = batch;
                    inFlight = batch;
                    serialized = serializer.submit(() -> toSerialize.stream().map(Json::bytes).collect(Collectors.toList()));
                    batch = new ArrayList<>();
                }
            }
            if (serialized != null) {
                leads.addSeeded(inFlight, serialized.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding leads", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Seeding leads failed", e.getCause());
        } finally {
            serializer.shutdownNow();
        }
    }

    /**
     * New leads on the form's latest version, submitted now (the admin API's "generate test lead"); the first
     * {@code corruptAnswers} of them carry broken answers ({@link LeadGenerator#corruptAnswers}).
     */
    synchronized List<ObjectNode> newLeads(FormRecord form, int count, boolean test, int corruptAnswers) {
        List<ObjectNode> created = new ArrayList<>();
        ObjectNode version = form.latest();
        long now = clock.millis();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            ObjectNode lead = LeadGenerator.lead(random, form, version, now, test, this);
            while (leads.known(lead.get("id").asText()) || !ids.add(lead.get("id").asText())) {
                lead.put("id", LeadGenerator.leadId(random));
            }
            if (i < corruptAnswers) {
                LeadGenerator.corruptAnswers(lead, version);
            }
            created.add(lead);
        }
        return created;
    }

    /**
     * One lead on the form's latest version, submitted now, whose answers and consents are exactly {@code formResponse}
     * (a member filling the form in Campaign Manager's preview); id, submitter and associated entity as
     * {@link #newLeads} makes them.
     */
    synchronized ObjectNode newAnsweredLead(FormRecord form, ObjectNode formResponse, boolean test) {
        ObjectNode lead = LeadGenerator.lead(random, form, form.latest(), clock.millis(), test, this);
        while (leads.known(lead.get("id").asText())) {
            lead.put("id", LeadGenerator.leadId(random));
        }
        lead.set("formResponse", formResponse.deepCopy());
        return lead;
    }

    /**
     * Starts run {@code run} of a world kept in a data directory: from now on changes are journaled, and new lead ids
     * come from a freshly seeded random, so neither a restarted sandbox nor another world of the same seed (the
     * embedded sandbox and a standalone one, say) hands out an id an app has already stored. The seeded world itself
     * stays the seed's.
     */
    synchronized void startRun(int run, SandboxJournal journal) {
        random.setSeed(new java.security.SecureRandom().nextLong() ^ run);
        this.journal = journal;
        leads.journal(journal);
    }

    /** Counts changes to forms, so that what is computed from a form version can tell it is stale. */
    long formChanges() {
        return formChanges.get();
    }

    long nextFormId() {
        return nextFormId.incrementAndGet();
    }

    FormRecord form(long id) {
        synchronized (forms) {
            return forms.get(id);
        }
    }

    /** Adds a new form (created through {@code POST /rest/leadForms}); journaled. */
    void addForm(FormRecord form) {
        synchronized (forms) {
            forms.put(form.id, form);
            formChanges.incrementAndGet();
            ObjectNode record = SandboxJournal.record("formCreate");
            record.put("id", form.id);
            record.put("leadType", form.leadType);
            if (form.campaignId != null) {
                record.put("campaignId", form.campaignId);
            }
            record.set("version", form.latest());
            journal.append(record);
        }
    }

    /** Stores a form edit ({@link FormRecord#store}); journaled. */
    void storeForm(FormRecord form, ObjectNode version, boolean newVersion) {
        synchronized (form) {
            form.store(version, newVersion);
            formChanges.incrementAndGet();
            ObjectNode record = SandboxJournal.record("formStore");
            record.put("id", form.id);
            record.put("newVersion", newVersion);
            record.set("version", version);
            journal.append(record);
        }
    }

    /** Replays a journal record of the forms ({@code formCreate}, {@code formStore}). */
    void replayForm(JsonNode record) {
        formChanges.incrementAndGet();
        long id = record.get("id").asLong();
        ObjectNode version = (ObjectNode) record.get("version");
        if ("formCreate".equals(record.get("type").asText())) {
            Long campaignId = record.has("campaignId") ? record.get("campaignId").asLong() : null;
            synchronized (forms) {
                forms.put(id, new FormRecord(id, record.get("leadType").asText(), campaignId, List.of(version)));
            }
            nextFormId.accumulateAndGet(id, Math::max);
        } else {
            FormRecord form = form(id);
            if (form == null) {
                throw new IllegalStateException("Sandbox journal edits form " + id + ", which it never created");
            }
            form.store(version, record.get("newVersion").asBoolean());
        }
    }

    List<FormRecord> forms() {
        synchronized (forms) {
            return new ArrayList<>(forms.values());
        }
    }

    List<String> creativesOf(long campaignId) {
        List<String> urns = new ArrayList<>();
        creatives.forEach((urn, c) -> {
            if (("urn:li:sponsoredCampaign:" + campaignId).equals(c.get("campaign").asText())) {
                urns.add(urn);
            }
        });
        return urns;
    }

    ObjectNode account(long id) {
        return adAccounts.stream().filter(a -> a.get("id").asLong() == id).findFirst().orElse(null);
    }

    /**
     * Whether the member may read leads of this owner: for an ad account a non-VIEWER account role plus an
     * ADMINISTRATOR or LEAD_GEN_FORMS_MANAGER role on the page the account references; for a page that role alone.
     */
    boolean canReadLeads(JsonNode owner) {
        String account = Json.text(owner, "sponsoredAccount");
        if (account != null) {
            String role = adAccountUsers.stream().filter(u -> account.equals(u.get("account").asText()))
                    .map(u -> u.get("role").asText()).findFirst().orElse(null);
            ObjectNode acct = account(idOf(account));
            return role != null && !"VIEWER".equals(role) && acct != null && leadPageRole(acct.get("reference").asText());
        }
        String organization = Json.text(owner, "organization");
        return organization != null && leadPageRole(organization);
    }

    private boolean leadPageRole(String organizationUrn) {
        return organizationAcls.stream().anyMatch(a -> organizationUrn.equals(a.get("organization").asText())
                && ("ADMINISTRATOR".equals(a.get("role").asText()) || "LEAD_GEN_FORMS_MANAGER".equals(a.get("role").asText())));
    }

    static long idOf(String urn) {
        try {
            return Long.parseLong(urn.substring(urn.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void account(long id, String name, String currency, String status) {
        ObjectNode a = Json.object();
        a.put("id", id);
        a.put("name", name);
        a.put("currency", currency);
        a.put("type", "BUSINESS");
        a.put("status", status);
        a.put("reference", "urn:li:organization:2414183");
        a.put("test", false);
        adAccounts.add(a);
    }

    private void accountUser(long accountId, String role) {
        ObjectNode u = Json.object();
        u.put("account", "urn:li:sponsoredAccount:" + accountId);
        u.put("user", MEMBER_URN);
        u.put("role", role);
        adAccountUsers.add(u);
    }

    private void acl(long organizationId, String role) {
        ObjectNode a = Json.object();
        a.put("roleAssignee", MEMBER_URN);
        a.put("organization", "urn:li:organization:" + organizationId);
        a.put("role", role);
        a.put("state", "APPROVED");
        organizationAcls.add(a);
    }

    private void event(Instant now) {
        ObjectNode e = Json.object();
        e.put("id", Long.parseLong(EVENT_ID));
        e.set("name", SeededForms.localized("en_US", "Northwind Data Summit"));
        e.put("organizer", "urn:li:organization:2414183");
        ObjectNode range = e.putObject("timeRangeV2");
        long start = now.plus(Duration.ofDays(30)).toEpochMilli();
        range.put("startAt", start);
        range.put("endsAt", start + Duration.ofHours(4).toMillis());
        e.put("leadGenForm", FormRecord.versionedUrn(SeededForms.EVENT_REGISTRATION, 1));
        events.add(e);
    }

    private void campaign(long id, long accountId, String name, Instant now) {
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("name", name);
        c.put("account", "urn:li:sponsoredAccount:" + accountId);
        c.put("status", "ACTIVE");
        c.put("type", "SPONSORED_UPDATES");
        c.put("objectiveType", "LEAD_GENERATION");
        c.putObject("changeAuditStamps").putObject("created").put("time", now.minus(LEAD_WINDOW).toEpochMilli());
        campaigns.put(id, c);
    }

    private void creative(String id, long campaignId, String name, Instant now) {
        ObjectNode c = Json.object();
        String urn = "urn:li:sponsoredCreative:" + id;
        c.put("id", urn);
        c.put("name", name);
        c.put("campaign", "urn:li:sponsoredCampaign:" + campaignId);
        c.put("account", campaigns.get(campaignId).get("account").asText());
        c.put("intendedStatus", "ACTIVE");
        c.put("createdAt", now.minus(LEAD_WINDOW).toEpochMilli());
        creatives.put(urn, c);
    }
}
