package io.leadsync.app.signoff;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every id of LinkedIn's sign-off lists (../shared/requirements.md) the walkthrough shows, with what LinkedIn asks.
 * The ids of the lists that carry a variant ("LGF-101 (events)", "MA-105 (users)") get it as a suffix; the Lead Sync
 * guide's rows, which have no number, are {@code GUIDE-…}.
 */
public final class SignOffIds {

    /** The poll interval the walkthrough runs the app with (LGF-303): long enough that no poll runs unasked. */
    static final long POLL_DELAY_MS = 3_600_000L;

    public static final Map<String, String> ALL = all();

    private SignOffIds() {
    }

    private static Map<String, String> all() {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("LGF-001", "OAuth 2.0 authorization-code flow with the right scopes and LinkedIn's consent screen");
        ids.put("MA-001", "OAuth 2.0 authorization-code flow (audiences: rw_dmp_segments)");
        ids.put("LGF-002", "periodic check that the access token is still valid (heartbeat)");
        ids.put("MA-002", "periodic check that the access token is still valid (heartbeat)");
        ids.put("LGF-003", "detect an expired access token");
        ids.put("LGF-005", "mint new access tokens with the refresh token");
        ids.put("MA-003", "detect an expired access token (audience calls)");
        ids.put("MA-005", "mint new access tokens with the refresh token (audience calls)");
        ids.put("LGF-004", "re-trigger the OAuth flow when the grant was invalidated");
        ids.put("MA-004", "re-trigger the OAuth flow when the grant was invalidated (audience calls)");
        ids.put("LGF-006", "detect refresh-token expiry and re-trigger the OAuth flow");
        ids.put("MA-006", "detect refresh-token expiry and re-trigger the OAuth flow (audience calls)");
        ids.put("LGF-007", "check access and permissions before receiving leads");
        ids.put("LGF-101", "list every ad account of the member, with its status");
        ids.put("LGF-101-EVENTS", "list every organization page the member administers");
        ids.put("MA-101", "list every ad account of the member, with its status (audiences)");
        ids.put("LGF-102", "read every lead form of each ad account and page");
        ids.put("LGF-102-EVENTS", "read every event of a page that has a lead form");
        ids.put("LGF-103", "read every predefined field of a form");
        ids.put("LGF-104", "read every custom question of a form with its options");
        ids.put("LGF-105", "read every hidden field of a form");
        ids.put("LGF-106", "read every consent text of a form");
        ids.put("LGF-107", "create the datastore tables a form needs");
        ids.put("LGF-108", "fetch all leads and store them (back-fill)");
        ids.put("LGF-303", "configure the interval between pulls");
        ids.put("LGF-109", "end to end: a submitted lead arrives in the datastore");
        ids.put("GUIDE-LEAD-TYPES", "all four lead types: SPONSORED, EVENT, COMPANY, ORGANIZATION_PRODUCT");
        ids.put("GUIDE-TEST-LEADS", "test leads: fetch them (limitedToTestLeads), flag them (testLead)");
        ids.put("LGF-113", "every mapping keyed on predefined field values, never on display text");
        ids.put("LGF-114", "metadata fields beside the answers");
        ids.put("LGF-201", "recover from missed push notifications");
        ids.put("LGF-301", "recover from an outage with a time-bound pull");
        ids.put("LGF-111", "one failing field does not block the lead");
        ids.put("LGF-112", "one failing lead does not stop the others");
        ids.put("GUIDE-MANAGE-FORMS", "create and manage lead forms through the API");
        ids.put("LGF-302", "re-pull forms periodically (new forms, new versions)");
        ids.put("LGF-202", "create, register, update, delete and re-register webhooks");
        ids.put("LGF-203", "webhooks for specific forms");
        ids.put("LGF-204", "read the forms of a campaign or creative");
        ids.put("LGF-110", "tear down and delete an integration, and create it again");
        ids.put("GUIDE-401", "handle 401 (expired or invalid token)");
        ids.put("GUIDE-403", "handle 403 (missing permission)");
        ids.put("GUIDE-404", "handle 404 (no such resource)");
        ids.put("GUIDE-426", "handle 426 (version sunset)");
        ids.put("GUIDE-429", "handle 429 (throttled)");
        ids.put("MA-105-USERS", "create dynamic segments of users");
        ids.put("MA-106-USERS", "add or remove one user or many");
        ids.put("MA-107-USERS", "send extra user matching fields");
        ids.put("MA-105-COMPANIES", "create dynamic segments of companies");
        ids.put("MA-106-COMPANIES", "add or remove one company or many");
        ids.put("MA-107-COMPANIES", "send extra company fields");
        ids.put("MA-102", "read every segment this integration uploaded, per ad account");
        ids.put("MA-103", "read the status of every uploaded segment");
        ids.put("MA-104", "read a segment's match rate, audience size and readiness");
        return java.util.Collections.unmodifiableMap(ids);
    }

    static String title(String id) {
        String title = ALL.get(id);
        if (title == null) {
            throw new IllegalArgumentException("Not a sign-off id: " + id);
        }
        return title;
    }
}
