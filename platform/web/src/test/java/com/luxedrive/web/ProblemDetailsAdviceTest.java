package com.luxedrive.web;

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

    @Test
    void aValueTheDatabaseCannotStoreIsA400NotA500() throws Exception {
        mvc.perform(get("/nul-character"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value(ProblemTypes.VALIDATION.toString()));
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
