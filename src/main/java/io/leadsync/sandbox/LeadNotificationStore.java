package io.leadsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Lead notification subscriptions ({@code leadNotifications}), at most {@value #MAX_PER_OWNER} per owner. */
final class LeadNotificationStore {

    static final int MAX_PER_OWNER = 1500;

    private final Map<Long, ObjectNode> subscriptions = new TreeMap<>();
    private final SandboxJournal journal;
    private long nextId = 8800;

    LeadNotificationStore(SandboxJournal journal) {
        this.journal = journal;
    }

    /** Refuses a new subscription when the owner already has the maximum (checked before the webhook challenge). */
    synchronized void checkRoomFor(JsonNode owner) {
        long count = subscriptions.values().stream().filter(s -> s.get("owner").equals(owner)).count();
        if (count >= MAX_PER_OWNER) {
            throw SandboxApiError.badRequest("An owner may have at most " + MAX_PER_OWNER + " lead notification subscriptions");
        }
    }

    synchronized long add(ObjectNode subscription) {
        checkRoomFor(subscription.get("owner"));
        long id = ++nextId;
        ObjectNode stored = Json.object();
        stored.put("id", id);
        stored.setAll(subscription);
        subscriptions.put(id, stored);
        journal.append(SandboxJournal.record("subscribe").set("subscription", stored));
        return id;
    }

    /** Replays a journal record of this store ({@code subscribe}, {@code unsubscribe}). */
    synchronized void replay(JsonNode record) {
        if ("subscribe".equals(record.get("type").asText())) {
            ObjectNode stored = (ObjectNode) record.get("subscription");
            long id = stored.get("id").asLong();
            subscriptions.put(id, stored);
            nextId = Math.max(nextId, id);
        } else {
            subscriptions.remove(record.get("id").asLong());
        }
    }

    synchronized ObjectNode get(long id) {
        ObjectNode s = subscriptions.get(id);
        return s == null ? null : s.deepCopy();
    }

    synchronized boolean delete(long id) {
        if (subscriptions.remove(id) == null) {
            return false;
        }
        journal.append(SandboxJournal.record("unsubscribe").put("id", id));
        return true;
    }

    synchronized List<ObjectNode> find(JsonNode owner, String leadType) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode s : subscriptions.values()) {
            if (s.get("owner").equals(owner) && (leadType == null || leadType.equals(s.get("leadType").asText()))) {
                found.add(s.deepCopy());
            }
        }
        return found;
    }

    /** Subscriptions a lead event goes to: same owner and type, and the narrowing (form version, entity) if any. */
    synchronized List<ObjectNode> matching(LeadStore.Lead lead) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode s : find(lead.owner, lead.leadType)) {
            JsonNode form = s.get("versionedForm");
            if (form != null && !form.asText().equals(lead.versionedLeadGenFormUrn)) {
                continue;
            }
            JsonNode entity = s.get("associatedEntity");
            if (entity != null && !entity.equals(lead.associatedEntity)) {
                continue;
            }
            found.add(s);
        }
        return found;
    }
}
