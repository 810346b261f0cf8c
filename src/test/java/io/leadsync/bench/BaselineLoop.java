package io.leadsync.bench;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.camel.linkedin.model.LeadForm;
import io.leadsync.camel.linkedin.store.Column;
import io.leadsync.camel.linkedin.store.FormTable;
import io.leadsync.camel.linkedin.store.JdbcLeadStore;
import io.leadsync.camel.linkedin.store.SqlDialect;

/**
 * The baseline: what a developer would write by hand to back-fill leads into the same tables. For each stream (owner
 * and lead type with forms), it pages the lead finder over the whole window at LinkedIn's maximum page size (1,000)
 * with the connector's enrichment projection, reads each page with Jackson's tree model, and writes it with one JDBC
 * batch per table per page (the same upsert statement the connector's store uses, keyed by lead id), one transaction
 * a page. It has no retries, no watermarks, no dead letters, no Camel: the floor the connector's CPU per lead is
 * compared with.
 * <p>
 * Setup that is not timed: an access token from the sandbox's admin API and the database connection. Timed from the
 * first request to the last commit: the pages, and creating each table from the first lead of a form version
 * (the production DDL, through {@link JdbcLeadStore#ensureTable}, so both write the very same columns).
 * <p>
 * {@code BaselineLoop --sandbox URL --jdbc URL [--user U] [--password P] --window-start MS --window-end MS
 * --streams KEY|URN|TYPE,...} prints one line {@code BASELINE {json}} with leads, seconds, process CPU seconds and
 * calls.
 */
public final class BaselineLoop {

    private static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int PAGE_SIZE = 1000;

    private BaselineLoop() {
    }

    /** The columns of one form version's table and where each value comes from in a lead. */
    private record Binding(FormTable table, String sql, Map<Long, String> questionKeys, Map<Long, Map<Long, String>> optionLabels,
                           Map<String, String> hiddenValues) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        SandboxClient sandbox = new SandboxClient(options.get("--sandbox"));
        long windowStart = Long.parseLong(options.get("--window-start"));
        long windowEnd = Long.parseLong(options.get("--window-end"));
        List<SandboxClient.Stream> streams = new ArrayList<>();
        for (String s : options.get("--streams").split(",")) {
            String[] p = s.split("\\|");
            streams.add(new SandboxClient.Stream(p[0], p[1], p[2]));
        }
        String token = sandbox.accessToken();
        String jdbcUrl = options.get("--jdbc");
        String user = options.getOrDefault("--user", "sa");
        String password = options.getOrDefault("--password", "");
        DataSource dataSource = new SimpleDataSource(jdbcUrl, user, password);
        JdbcLeadStore ddl = new JdbcLeadStore(dataSource);

        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            SqlDialect dialect = SqlDialect.detect(connection.getMetaData());
            Map<String, Binding> bindings = new HashMap<>();
            Map<Long, List<LeadForm>> versionsByForm = new HashMap<>();
            long cpu0 = processCpuNanos();
            long jit0 = CompilerCpu.nanos(ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            long leads = 0;
            int calls = 0;
            for (SandboxClient.Stream stream : streams) {
                for (int start = 0; ; ) {
                    HttpResponse<byte[]> response = sandbox.http().send(sandbox.finderRequest(
                            sandbox.finderUrl(stream, windowStart, windowEnd, start, PAGE_SIZE, SandboxClient.ENRICHED_FIELDS, null), token),
                            HttpResponse.BodyHandlers.ofByteArray());
                    calls++;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("finder answered " + response.statusCode() + ": " + new String(response.body()));
                    }
                    JsonNode page = MAPPER.readTree(response.body());
                    JsonNode elements = page.path("elements");
                    Instant now = Instant.now();
                    Map<Binding, PreparedStatement> batches = new java.util.IdentityHashMap<>();
                    for (JsonNode lead : elements) {
                        String urn = lead.path("versionedLeadGenFormUrn").asText();
                        Binding binding = bindings.get(urn);
                        if (binding == null) {
                            LeadForm form = MAPPER.treeToValue(lead.get("form"), LeadForm.class);
                            List<LeadForm> versions = versionsByForm.computeIfAbsent(form.id(), id -> new ArrayList<>());
                            versions.add(form);
                            connection.commit();
                            ddl.ensureTable(versions);
                            FormTable table = ddl.table(form.id());
                            binding = binding(table, dialect.upsert(table), (ObjectNode) lead.get("form"));
                            // an older version's binding keeps its statement; the table now has every version's columns
                            for (Map.Entry<String, Binding> e : bindings.entrySet()) {
                                if (e.getValue().table().formId() == form.id()) {
                                    e.setValue(new Binding(table, binding.sql(), e.getValue().questionKeys(), e.getValue().optionLabels(),
                                            e.getValue().hiddenValues()));
                                }
                            }
                            bindings.put(urn, binding);
                        }
                        PreparedStatement batch = batches.get(binding);
                        if (batch == null) {
                            batch = connection.prepareStatement(binding.sql());
                            batches.put(binding, batch);
                        }
                        bind(batch, binding, lead, now);
                        batch.addBatch();
                        leads++;
                    }
                    for (PreparedStatement batch : batches.values()) {
                        batch.executeBatch();
                        batch.close();
                    }
                    connection.commit();
                    int n = elements.size();
                    start += n;
                    JsonNode total = page.path("paging").path("total");
                    if (n == 0 || (!total.isMissingNode() && start >= total.asLong())) {
                        break;
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
            double jitSeconds = (CompilerCpu.nanos(ProcessHandle.current().pid()) - jit0) / 1e9;
            ObjectNode result = MAPPER.createObjectNode().put("leads", leads).put("seconds", seconds).put("cpuSeconds", cpuSeconds)
                    .put("jitCpuSeconds", jitSeconds).put("calls", calls);
            System.out.println("BASELINE " + result);
        }
    }

    private static Binding binding(FormTable table, String sql, ObjectNode form) {
        Map<Long, String> keys = new HashMap<>();
        Map<Long, Map<Long, String>> labels = new HashMap<>();
        java.util.Set<String> predefined = new java.util.HashSet<>();
        for (JsonNode q : form.path("content").path("questions")) {
            long id = q.path("questionId").asLong();
            String field = q.path("predefinedField").asText(null);
            keys.put(id, field != null && predefined.add(field) ? field : String.valueOf(id));
            JsonNode choices = q.path("questionDetails").path("multipleChoiceQuestionDetails").path("options");
            if (choices.isArray()) {
                Map<Long, String> byId = new HashMap<>();
                for (JsonNode option : choices) {
                    JsonNode localized = option.path("text").path("localized");
                    byId.put(option.path("id").asLong(), localized.elements().hasNext() ? localized.elements().next().asText() : null);
                }
                labels.put(id, byId);
            }
        }
        Map<String, String> hidden = new HashMap<>();
        for (JsonNode h : form.path("hiddenFields")) {
            hidden.put(h.path("name").asText(), h.path("value").asText(null));
        }
        return new Binding(table, sql, keys, labels, hidden);
    }

    private static void bind(PreparedStatement statement, Binding binding, JsonNode lead, Instant now) throws SQLException {
        Map<String, String> answers = new HashMap<>();
        for (JsonNode answer : lead.path("formResponse").path("answers")) {
            long id = answer.path("questionId").asLong();
            String key = binding.questionKeys().getOrDefault(id, String.valueOf(id));
            JsonNode details = answer.path("answerDetails");
            JsonNode text = details.path("textQuestionAnswer").path("answer");
            if (!text.isMissingNode()) {
                answers.put(key, text.asText());
            } else {
                Map<Long, String> labels = binding.optionLabels().getOrDefault(id, Map.of());
                StringBuilder joined = new StringBuilder();
                for (JsonNode option : details.path("multipleChoiceAnswer").path("options")) {
                    if (!joined.isEmpty()) {
                        joined.append(", ");
                    }
                    joined.append(labels.getOrDefault(option.asLong(), option.asText()));
                }
                answers.put(key, joined.toString());
            }
        }
        Map<String, Boolean> consents = new HashMap<>();
        for (JsonNode consent : lead.path("formResponse").path("consentResponses")) {
            consents.put(consent.path("consentId").asText(), consent.path("accepted").asBoolean());
        }
        int index = 1;
        for (Column column : binding.table().columns()) {
            Object value = switch (column.kind()) {
                case META -> meta(column.source(), lead);
                case ANSWER -> answers.get(column.source());
                case HIDDEN -> binding.hiddenValues().get(column.source());
                case CONSENT -> consents.get(column.source());
                case FIELD_ERRORS -> null;
                case RAW_JSON -> lead.toString();
                case SYNCED_AT -> now.toEpochMilli();
            };
            set(statement, index++, column, value);
        }
    }

    private static Object meta(String name, JsonNode lead) {
        JsonNode owner = lead.path("owner");
        JsonNode entity = lead.path("associatedEntity");
        return switch (name) {
            case "leadId" -> lead.path("id").asText();
            case "leadType" -> lead.path("leadType").asText();
            case "formId" -> lead.path("form").path("id").asLong();
            case "formVersion" -> lead.path("form").path("versionId").asLong();
            case "formName" -> lead.path("form").path("name").asText(null);
            case "submittedAt" -> lead.path("submittedAt").asLong();
            case "testLead" -> lead.path("testLead").asBoolean();
            case "submitter" -> lead.path("submitter").asText(null);
            case "accountId" -> owner.path("sponsoredAccount").asText(null);
            case "accountName" -> owner.has("sponsoredAccount") ? text(lead.path("ownerInfo").findValue("name")) : null;
            case "campaignId" -> lead.path("leadMetadata").path("sponsoredLeadMetadata").path("campaign").asText(null);
            case "campaignName" -> text(lead.path("leadMetadataInfo").findValue("name"));
            case "creativeId" -> entity.path("associatedCreative").asText(null);
            case "eventId" -> entity.path("event").asText(null);
            case "eventName" -> text(lead.path("associatedEntityInfo").path("eventInfo").path("name"));
            case "organizationId" -> owner.path("organization").asText(null);
            case "organizationName" -> owner.has("organization") ? text(lead.path("ownerInfo").findValue("name")) : null;
            default -> null;
        };
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static void set(PreparedStatement statement, int index, Column column, Object value) throws SQLException {
        switch (column.type()) {
            case VARCHAR, TEXT -> {
                if (value == null) {
                    statement.setNull(index, Types.VARCHAR);
                } else {
                    statement.setString(index, value.toString());
                }
            }
            case BIGINT -> {
                if (value == null) {
                    statement.setNull(index, Types.BIGINT);
                } else {
                    statement.setLong(index, ((Number) value).longValue());
                }
            }
            case BOOLEAN -> {
                if (value == null) {
                    statement.setNull(index, Types.BOOLEAN);
                } else {
                    statement.setBoolean(index, (Boolean) value);
                }
            }
            case TIMESTAMP -> {
                if (value == null) {
                    statement.setNull(index, Types.TIMESTAMP);
                } else {
                    statement.setObject(index, LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) value).longValue()), ZoneOffset.UTC));
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** A DataSource over DriverManager, for the DDL only. */
    private record SimpleDataSource(String url, String user, String password) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
