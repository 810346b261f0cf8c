package io.leadsync.sandbox.campaignmanager;

import java.util.Map;

/** What each OAuth scope lets an app do, in plain words, for the consent page. */
public final class Scopes {

    private static final Map<String, String> PLAIN = Map.ofEntries(
            Map.entry("r_marketing_leadgen_automation", "Read the leads people submit on your lead gen forms (ads, events, pages), "
                    + "and get notified when one arrives or is withdrawn."),
            Map.entry("r_ads", "See your ad accounts, campaigns, creatives and lead forms, but not change them."),
            Map.entry("rw_ads", "Manage your ad accounts: create and change campaigns, creatives and lead forms."),
            Map.entry("r_organization_admin", "See the pages you administer and your role on each."),
            Map.entry("r_events", "See the events your pages organize."),
            Map.entry("rw_dmp_segments", "Create and update matched audiences: upload hashed contact and company lists for targeting."),
            Map.entry("openid", "Confirm it is you who signs in."),
            Map.entry("profile", "See your name and profile picture."),
            Map.entry("email", "See the primary email address of your account."));

    private Scopes() {
    }

    /** The plain-words explanation of a scope; an unknown one says so. */
    public static String explain(String scope) {
        return PLAIN.getOrDefault(scope, "A permission this sandbox has no description of.");
    }
}
