package com.luxedrive.auth.account;

import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes to the users row by transactions that overlap, as a login, a logout and a password change may. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class AccountWritesTest {

    @Autowired
    AccountRepository accounts;

    @Autowired
    AccountService service;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aTransactionThatReadTheRowBeforeAnotherChangedItWritesBackOnlyWhatItChanged() {
        UUID id = newAccount();

        transactions.executeWithoutResult(tx -> {
            Account stale = accounts.findById(id).orElseThrow();
            // a password change and a logout commit while this transaction holds its copy of the row
            CompletableFuture.runAsync(() -> transactions.executeWithoutResult(other -> {
                accounts.findById(id).orElseThrow().changePassword("{noop}new", Instant.now());
                accounts.revokeAccessTokens(id, Instant.parse("2026-11-28T10:00:01Z"));
            })).join();
            stale.loggedIn(Instant.now());
        });

        Account written = accounts.findById(id).orElseThrow();
        assertThat(written.passwordHash()).isEqualTo("{noop}new");
        assertThat(written.tokensNotBefore()).isEqualTo(Instant.parse("2026-11-28T10:00:01Z"));
        assertThat(written.lastLoginAt()).isNotNull();
    }

    @Test
    void aRevocationNeverMovesTheNotBeforeBack() {
        UUID id = newAccount();
        Instant later = Instant.parse("2026-11-28T10:00:02Z");

        int moved = transactions.execute(tx -> accounts.revokeAccessTokens(id, later));
        int movedBack = transactions.execute(tx -> accounts.revokeAccessTokens(id, later.minusSeconds(1)));

        assertThat(moved).isEqualTo(1);
        assertThat(movedBack).isZero();

        assertThat(accounts.findById(id).orElseThrow().tokensNotBefore()).isEqualTo(later);
    }

    private UUID newAccount() {
        return transactions.execute(tx -> service.create("writes-" + UUID.randomUUID() + "@luxe.test", "{noop}old",
                "Grace", "Hopper", null, Role.CLIENT)).id();
    }
}
