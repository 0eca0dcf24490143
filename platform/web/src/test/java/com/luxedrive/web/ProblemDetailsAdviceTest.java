package com.luxedrive.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemDetailsAdviceTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemDetailsAdvice()).build();

    @Test
    void aDatabaseThatCannotBeReachedIsA503ProblemToRetryNotA500() throws Exception {
        for (String path : new String[]{"/no-transaction", "/no-connection", "/connection-cut-then-rollback-failed"}) {
            mvc.perform(get(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "5"))
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.type").value(ProblemTypes.SERVICE_UNAVAILABLE.toString()));
        }
    }

    /**
     * PostgreSQL gone during the commit (a failover, say): it may have made the transaction durable before the
     * connection broke, so the 503 must not tell the client that nothing was changed and to send it again.
     */
    @Test
    void aConnectionLostDuringTheCommitIsA503ThatDoesNotPromiseNothingChanged() throws Exception {
        mvc.perform(get("/connection-lost-in-commit"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.type").value(ProblemTypes.SERVICE_UNAVAILABLE.toString()))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("may have been made")));
        mvc.perform(get("/connection-cut-then-rollback-failed"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was changed")));
    }

    @Test
    void aValueTheDatabaseCannotStoreIsA400NotA500() throws Exception {
        mvc.perform(get("/nul-character"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(ProblemTypes.VALIDATION.toString()));
    }

    /** A download the client cancelled: nothing to answer, and not logged as a bug (an ERROR with a stack trace). */
    @Test
    void aClientGoneMidResponseIsNoErrorOfOurs() throws Exception {
        Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(ProblemDetailsAdvice.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            mvc.perform(get("/client-gone")).andExpect(status().isOk());
            mvc.perform(get("/bug"));
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(event -> event.getLevel() == Level.ERROR).singleElement()
                .satisfies(event -> assertThat(event.getThrowableProxy().getMessage()).isEqualTo("a bug"));
    }

    @Test
    void aBugIsStillA500() throws Exception {
        mvc.perform(get("/bug")).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.detail").value("Something went wrong on our side."));
    }

    @RestController
    static class Failing {

        @GetMapping("/no-transaction")
        String noTransaction() {
            throw new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                    new SQLTransientConnectionException("Connection is not available, request timed out"));
        }

        @GetMapping("/no-connection")
        String noConnection() {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                    new SQLTransientConnectionException("Connection is not available, request timed out"));
        }

        /** PostgreSQL restarted under a running transaction: the statement and then the rollback failed. */
        @GetMapping("/connection-cut-then-rollback-failed")
        String connectionCut() {
            TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                    new SQLException("This connection has been closed.", "08003"));
            rollback.initApplicationException(new SQLException("An I/O error occurred while sending to the backend.",
                    "08006"));
            throw rollback;
        }

        /** As PgJDBC throws it from {@code Connection.commit}, wrapped as JpaTransactionManager does. */
        @GetMapping("/connection-lost-in-commit")
        String connectionLostInCommit() {
            SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
            lost.setStackTrace(new StackTraceElement[]{
                    new StackTraceElement("org.postgresql.core.v3.QueryExecutorImpl", "execute", null, 0),
                    new StackTraceElement("org.postgresql.jdbc.PgConnection", "executeTransactionCommand", null, 0),
                    new StackTraceElement("org.postgresql.jdbc.PgConnection", "commit", null, 0),
                    new StackTraceElement("com.zaxxer.hikari.pool.ProxyConnection", "commit", null, 0)});
            throw new TransactionSystemException("Could not commit JPA transaction", lost);
        }

        /** What Tomcat throws when the client closed the connection during a response. */
        @GetMapping("/client-gone")
        String clientGone() throws java.io.IOException {
            throw new org.apache.catalina.connector.ClientAbortException(new java.io.IOException("Broken pipe"));
        }

        @GetMapping("/nul-character")
        String nulCharacter() {
            throw new org.springframework.dao.DataIntegrityViolationException("could not execute statement",
                    new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
        }

        @GetMapping("/bug")
        String bug() {
            throw new IllegalStateException("a bug");
        }
    }
}
