package io.leadsync.app;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.leadsync.camel.linkedin.api.DailyQuotaExceededException;
import io.leadsync.camel.linkedin.api.LinkedInApi;
import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadSource;
import io.leadsync.camel.linkedin.model.LeadActionNotification;
import io.leadsync.camel.linkedin.store.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Withdrawals whose {@code DELETED} push was lost (dropped, an outage, the app down): LinkedIn's finder simply stops
 * returning a withdrawn lead and never says so again, so the pull cannot repair it. The sweep asks LinkedIn for every
 * lead the ledger holds as live and was submitted within LinkedIn's retention (older leads LinkedIn drops anyway,
 * which is not a withdrawal), 100 ids per {@code BATCH_GET}; the ids LinkedIn no longer serves come back as
 * {@code DELETED} leads for the route, so every sink applies the withdrawal. Cost: one call per 100 live leads of the
 * last year; a daily quota stops the sweep, and the next one starts again (it reads, it changes nothing itself).
 */
public final class WithdrawalReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(WithdrawalReconciliation.class);
    private static final Pattern FORM_TABLE = Pattern.compile("leads_form_(\\d+)");
    private static final int BATCH = 100;
    // LinkedIn keeps a lead 365 days: a lead near that edge may vanish for its age, not because it was withdrawn
    private static final Duration CHECKED = Duration.ofDays(363);

    private final DataSource dataSource;
    private final LinkedInApi api;
    private final Clock clock;

    public WithdrawalReconciliation(DataSource dataSource, LinkedInApi api, Clock clock) {
        this.dataSource = dataSource;
        this.api = api;
        this.clock = clock;
    }

    /** The live leads LinkedIn no longer serves, as DELETED leads (route them to the sinks). */
    public List<Lead> withdrawn() throws SQLException {
        Map<String, Long> live = liveLeads();
        List<String> ids = new ArrayList<>(live.keySet());
        List<Lead> withdrawn = new ArrayList<>();
        int calls = 0;
        try {
            for (int i = 0; i < ids.size(); i += BATCH) {
                List<String> chunk = ids.subList(i, Math.min(i + BATCH, ids.size()));
                Set<String> served = api.batchGetLeadFormResponses(chunk).keySet();
                calls++;
                for (String id : chunk) {
                    if (!served.contains(id)) {
                        withdrawn.add(deleted(id));
                    }
                }
            }
        } catch (DailyQuotaExceededException e) {
            LOG.warn("Withdrawal reconciliation stopped by LinkedIn's daily quota after {} of {} live leads; the next sweep checks them all",
                    Math.min(calls * BATCH, ids.size()), ids.size());
        }
        LOG.info("Withdrawal reconciliation: {} live leads of the last {} days checked in {} call(s), {} withdrawn on LinkedIn",
                live.size(), CHECKED.toDays(), calls, withdrawn.size());
        return withdrawn;
    }

    private Lead deleted(String id) {
        // the ledger knows the form: the store deletes the row wherever it lives
        LeadActionNotification notification = new LeadActionNotification("LEAD_ACTION", "urn:li:leadGenFormResponse:" + id, null, null,
                null, null, "DELETED", clock.millis());
        return Lead.deleted(notification, LeadSource.RECONCILIATION);
    }

    /** Lead id → form id of the ledger's live leads submitted within {@link #CHECKED}. */
    private Map<String, Long> liveLeads() throws SQLException {
        Map<String, Long> live = new LinkedHashMap<>();
        LocalDateTime since = LocalDateTime.ofInstant(clock.instant().minus(CHECKED), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (FORM_TABLE.matcher(name.toLowerCase(java.util.Locale.ROOT)).matches()) {
                        tables.add(name);
                    }
                }
            }
            for (String table : tables) {
                long formId = Long.parseLong(table.replaceAll("\\D", ""));
                // table names matched leads_form_<digits>: safe to quote as the database stored them
                try (PreparedStatement ps = c.prepareStatement("SELECT t.lead_id FROM \"" + table + "\" t JOIN " + SqlDialect.LEDGER
                        + " l ON l.lead_id = t.lead_id WHERE l.state = 'LIVE' AND t.submitted_at >= ?")) {
                    ps.setObject(1, since);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            live.put(rs.getString(1), formId);
                        }
                    }
                }
            }
        }
        return live;
    }
}
