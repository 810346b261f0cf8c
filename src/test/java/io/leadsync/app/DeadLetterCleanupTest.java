package io.leadsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

import io.leadsync.camel.linkedin.lead.Lead;
import io.leadsync.camel.linkedin.lead.LeadFixtures;
import io.leadsync.camel.linkedin.store.StoreResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** A stored page removes its leads' dead letters, and writes nothing to the dead-letter table when there are none. */
class DeadLetterCleanupTest {

    private final List<String> statements = new CopyOnWriteArrayList<>();

    @Test
    void aPageStoredWhileTheSinkHasNoDeadLetterWritesNothingToTheirTable() throws Exception {
        DataSource database = recording(h2());
        LeadStoreSink sink = new LeadStoreSink(database, null);
        sink.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        statements.clear();

        assertThat(sink.store(LeadFixtures.normalizedPage())).extracting(StoreResult::status)
                .containsOnly(StoreResult.Status.STORED);

        assertThat(statements).filteredOn(sql -> sql.contains("lead_dead_letters")).noneMatch(sql -> sql.startsWith("delete"))
                .allMatch(sql -> sql.startsWith("select"));
    }

    @Test
    void aPageStoredAfterAFailureRemovesTheDeadLetterOfThatSinkOnly() throws Exception {
        DataSource database = h2();
        LeadStoreSink sink = new LeadStoreSink(database, null);
        sink.ensureTable(List.of(LeadFixtures.formV2(), LeadFixtures.formV3()));
        Lead lead = LeadFixtures.normalizedPage().get(0);
        DeadLetters salesforce = new DeadLetters(database, "salesforce");
        salesforce.add(lead, "Salesforce refused it");
        new DeadLetters(database, "database").add(lead, "the database refused it");
        assertThat(sink.deadLetterCount()).isEqualTo(1);

        sink.store(List.of(lead));

        assertThat(sink.deadLetterCount()).isZero();
        assertThat(salesforce.count()).as("another sink's failure stays").isEqualTo(1);
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:dead-letter-cleanup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    // records the SQL of every statement prepared or executed through the data source's connections
    private DataSource recording(DataSource target) {
        InvocationHandler connections = (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                Connection real = (Connection) invoke(method, target, args);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> {
                    if ((m.getName().equals("prepareStatement") || m.getName().equals("prepareCall")) && a != null && a[0] instanceof String sql) {
                        statements.add(sql.trim().toLowerCase(Locale.ROOT));
                    }
                    return invoke(m, real, a);
                });
            }
            return invoke(method, target, args);
        };
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, connections);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
