package io.leadsync.camel.linkedin.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code urn:li:versionedLeadGenForm:(urn:li:leadGenForm:{formId},{versionId})}: one version of a lead form. */
public record VersionedLeadGenFormUrn(long formId, long versionId) {

    private static final Pattern URN = Pattern.compile("urn:li:versionedLeadGenForm:\\(urn:li:leadGenForm:(\\d+),(\\d+)\\)");

    public static VersionedLeadGenFormUrn parse(String urn) {
        Matcher m = urn == null ? null : URN.matcher(urn);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Not a versioned lead gen form URN: " + urn);
        }
        return new VersionedLeadGenFormUrn(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    public String formUrn() {
        return "urn:li:leadGenForm:" + formId;
    }

    @Override
    public String toString() {
        return "urn:li:versionedLeadGenForm:(" + formUrn() + "," + versionId + ")";
    }
}
