package io.leadsync.app;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadsync.camel.linkedin.model.LeadNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan of the unattended sandbox demo (routes/demo.yaml, issue 4 §1): each round a member of the seeded world
 * submits one test lead on a sponsored form, one event registration and one company-page lead; in the second round
 * the first event registration is cancelled, which LinkedIn reports as a DELETED lead. The forms are taken from the
 * sandbox's world, so their names in the log are the ones the tables carry. Thread-safe.
 */
public final class SandboxDemo {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxDemo.class);

    /** The round in which an earlier lead is withdrawn. */
    static final int WITHDRAWAL_ROUND = 2;

    /**
     * One lead to submit through {@code POST /_sandbox/forms/{formId}/leads}.
     *
     * @param kind what a person reads in the log ("LinkedIn test lead", "event registration", "company-page lead")
     * @param formId the lead form id
     * @param formName the form's name
     * @param test whether Campaign Manager generates it as a test lead
     */
    public record Submission(String kind, long formId, String formName, boolean test) {

        /** The admin API's request body. */
        public Map<String, Object> request() {
            return Map.of("count", 1, "test", test);
        }
    }

    /**
     * A lead the demo submitted.
     *
     * @param submission what was submitted
     * @param leadId the id the sandbox gave it
     */
    public record SubmittedLead(Submission submission, String leadId) {
    }

    private final Submission registration;
    private final List<Submission> plan;
    /** "owner leadType" of each form a round submits on: the subscriptions a round's pushes need. */
    private final Set<String> streams = new LinkedHashSet<>();
    private final int rounds;
    private final List<SubmittedLead> submitted = new ArrayList<>();
    private int round;
    private boolean withdrawn;

    /**
     * @param world the sandbox's world as {@code GET /_sandbox/world} answers it
     * @param rounds how many rounds to play
     * @throws IllegalArgumentException when the world lacks a published sponsored, event or company-page form
     */
    public SandboxDemo(JsonNode world, int rounds) {
        this.registration = submission("event registration", formOf(world, "EVENT"), false);
        this.plan = List.of(submission("LinkedIn test lead", formOf(world, "SPONSORED"), true), registration,
                submission("company-page lead", formOf(world, "COMPANY"), false));
        for (String type : List.of("SPONSORED", "EVENT", "COMPANY")) {
            JsonNode form = formOf(world, type);
            JsonNode owner = form.path("owner");
            streams.add((owner.has("sponsoredAccount") ? owner.path("sponsoredAccount") : owner.path("organization")).asText()
                    + " " + type);
        }
        this.rounds = rounds;
    }

    /**
     * Whether {@code subscriptions} (this app's) cover the owner and lead type of every lead a round submits. The
     * webhook registers one owner and lead type after the other: a round played on the first one alone would lose the
     * pushes of the others.
     */
    public boolean subscribedForEveryLead(List<LeadNotification> subscriptions) {
        Set<String> held = subscriptions == null ? Set.of() : subscriptions.stream().filter(n -> n.owner() != null)
                .map(n -> n.owner().urn() + " " + n.leadType()).collect(Collectors.toSet());
        return held.containsAll(streams);
    }

    /** Starts the next round; returns its number (1-based), or 0 once every round was played. */
    public synchronized int nextRound() {
        if (round >= rounds) {
            return 0;
        }
        return ++round;
    }

    /** Whether every round was played. */
    public synchronized boolean finished() {
        return round >= rounds;
    }

    /** The leads one round submits, in order. */
    public List<Submission> submissions() {
        return plan;
    }

    /**
     * Remembers a lead the sandbox accepted.
     *
     * @param submission what was submitted
     * @param answer the admin API's answer {@code {"leadIds":[…]}}
     * @return the lead
     * @throws IllegalStateException when the answer names no lead
     */
    @SuppressWarnings("unchecked")
    public synchronized SubmittedLead submitted(Submission submission, Map<String, Object> answer) {
        List<Object> ids = answer == null ? null : (List<Object>) answer.get("leadIds");
        if (ids == null || ids.isEmpty()) {
            throw new IllegalStateException("The sandbox accepted no lead on form " + submission.formId() + ": " + answer);
        }
        SubmittedLead lead = new SubmittedLead(submission, String.valueOf(ids.get(0)));
        submitted.add(lead);
        LOG.debug("Demo round {}: {} {}", round, submission.kind(), lead.leadId());
        return lead;
    }

    /**
     * The lead to withdraw in this round: in round {@value #WITHDRAWAL_ROUND}, the first event registration (the
     * member cancels it), once; otherwise {@code null}.
     */
    public synchronized SubmittedLead withdrawal() {
        if (round != WITHDRAWAL_ROUND || withdrawn) {
            return null;
        }
        for (SubmittedLead lead : submitted) {
            if (lead.submission() == registration) {
                withdrawn = true;
                return lead;
            }
        }
        withdrawn = true;
        return submitted.isEmpty() ? null : submitted.get(0);
    }

    /** Every lead submitted so far, in order. */
    public synchronized List<SubmittedLead> submittedLeads() {
        return List.copyOf(submitted);
    }

    private static Submission submission(String kind, JsonNode form, boolean test) {
        return new Submission(kind, form.path("id").asLong(), form.path("name").asText(), test);
    }

    private static JsonNode formOf(JsonNode world, String leadType) {
        for (JsonNode form : world.path("forms")) {
            if (leadType.equals(form.path("leadType").asText()) && "PUBLISHED".equals(form.path("state").asText())) {
                return form;
            }
        }
        throw new IllegalArgumentException("The sandbox has no published " + leadType + " lead form for the demo");
    }
}
