package io.leadsync.sandbox.dmp;

import io.leadsync.sandbox.SandboxApiError;

/** The two batch resources under a segment, each tied to the segment type it may feed. */
enum BatchKind {
    USERS("users", "USER", new UserElementRules()),
    COMPANIES("companies", "COMPANY", new CompanyElementRules());

    private final String path;
    private final String segmentType;
    private final ElementRules rules;

    BatchKind(String path, String segmentType, ElementRules rules) {
        this.path = path;
        this.segmentType = segmentType;
        this.rules = rules;
    }

    /** The kind for a path segment, {@code users} or {@code companies}. */
    static BatchKind of(String path) {
        for (BatchKind kind : values()) {
            if (kind.path.equals(path)) {
                return kind;
            }
        }
        throw SandboxApiError.badRequest("Unknown dmpSegments batch resource: " + path + " (use users or companies)");
    }

    String path() {
        return path;
    }

    String segmentType() {
        return segmentType;
    }

    ElementRules rules() {
        return rules;
    }
}
