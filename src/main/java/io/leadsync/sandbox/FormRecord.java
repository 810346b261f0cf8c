package io.leadsync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One lead form and every version of its content. LinkedIn keeps old versions: leads name the version they were
 * submitted on, so a new version never replaces an old one.
 */
final class FormRecord {

    final long id;
    final String leadType;
    final Long campaignId;
    private final TreeMap<Integer, ObjectNode> versions = new TreeMap<>();

    FormRecord(long id, String leadType, Long campaignId, List<ObjectNode> versionList) {
        this.id = id;
        this.leadType = leadType;
        this.campaignId = campaignId;
        versionList.forEach(v -> versions.put(v.get("versionId").asInt(), v));
    }

    synchronized int latestVersionId() {
        return versions.lastKey();
    }

    /** A copy of the latest version (what {@code GET /rest/leadForms/{id}} answers). */
    synchronized ObjectNode latest() {
        return versions.lastEntry().getValue().deepCopy();
    }

    /** A copy of one version, or {@code null}. */
    synchronized ObjectNode version(int versionId) {
        ObjectNode v = versions.get(versionId);
        return v == null ? null : v.deepCopy();
    }

    synchronized Map<Integer, ObjectNode> versions() {
        Map<Integer, ObjectNode> copy = new TreeMap<>();
        versions.forEach((k, v) -> copy.put(k, v.deepCopy()));
        return copy;
    }

    synchronized String state() {
        return versions.lastEntry().getValue().get("state").asText();
    }

    JsonNode owner() {
        return latest().get("owner");
    }

    /**
     * Replaces the latest version in place (a DRAFT edit, or a change that is not content), or appends a new
     * version; state is form-wide, so it is copied to every version.
     */
    synchronized void store(ObjectNode form, boolean newVersion) {
        int versionId = newVersion ? versions.lastKey() + 1 : versions.lastKey();
        form.put("versionId", versionId);
        versions.put(versionId, form);
        String state = form.get("state").asText();
        versions.values().forEach(v -> v.put("state", state));
    }

    static String versionedUrn(long formId, int versionId) {
        return "urn:li:versionedLeadGenForm:(urn:li:leadGenForm:" + formId + "," + versionId + ")";
    }
}
