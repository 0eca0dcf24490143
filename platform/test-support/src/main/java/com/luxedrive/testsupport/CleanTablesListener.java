package com.luxedrive.testsupport;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import javax.sql.DataSource;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Empties every table (but Flyway's history) before each test class that reuses a cached context, so no class sees
 * another's rows. A context's first class needs no cleaning: its database is new, and what the application wrote
 * while starting (a bootstrap admin, say) stays for it to check.
 */
class CleanTablesListener extends AbstractTestExecutionListener {

    private static final Set<ApplicationContext> SEEN = Collections.newSetFromMap(new WeakHashMap<>());

    @Override
    public void beforeTestClass(TestContext testContext) {
        ApplicationContext context = testContext.getApplicationContext();
        if (SEEN.add(context) || context.getBeanNamesForType(DataSource.class).length == 0) {
            return;
        }
        JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
        List<String> tables = jdbc.queryForList("""
                SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables
                WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'""", String.class);
        if (!tables.isEmpty()) {
            jdbc.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
        }
    }

    @Override
    public int getOrder() {
        return 5000;
    }
}
