package com.luxedrive.auth.account;

import com.luxedrive.auth.password.PasswordHashing;
import com.luxedrive.auth.password.PasswordPolicy;
import com.luxedrive.auth.session.RefreshTokens;
import com.luxedrive.events.users.TokenRevocations;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

/** What admins do to accounts: find them, create staff, deactivate and reactivate. */
@Service
class StaffAdministration {

    private static final Logger log = LoggerFactory.getLogger(StaffAdministration.class);

    private final AccountRepository accounts;
    private final AccountService accountService;
    private final PasswordHashing hashing;
    private final PasswordPolicy policy;
    private final RefreshTokens refreshTokens;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;

    StaffAdministration(AccountRepository accounts, AccountService accountService, PasswordHashing hashing,
                        PasswordPolicy policy, RefreshTokens refreshTokens, OutboxWriter outbox,
                        TransactionTemplate transactions, Clock clock) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.hashing = hashing;
        this.policy = policy;
        this.refreshTokens = refreshTokens;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    AccountApi.UserPage search(String text, String role, Boolean active, Pageable page) {
        String pattern = text == null || text.isBlank() ? null
                : "%" + text.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        Page<Account> found = accounts.search(pattern, role, active, page);
        return new AccountApi.UserPage(found.map(AccountApi.UserView::of).getContent(), found.getNumber(),
                found.getSize(), found.getTotalElements(), found.getTotalPages());
    }

    @Transactional(readOnly = true)
    AccountApi.UserView one(UUID id) {
        return AccountApi.UserView.of(existing(id));
    }

    AccountApi.UserView createStaff(AccountApi.StaffRequest request, UUID by) {
        policy.check(request.password(), request.email());
        String hash = hashing.encode(request.password());
        Account staff = transactions.execute(tx -> {
            activeAdministrator(by);
            return accountService.create(request.email(), hash, request.firstName(), request.lastName(),
                    request.phone(), Role.of(request.role()));
        });
        log.info("staff account created userId={} role={} by={}", staff.id(), request.role(), by);
        return AccountApi.UserView.of(staff);
    }

    /** No more logins, every refresh token revoked, and an event so the user's sockets close. */
    @Transactional
    AccountApi.UserView deactivate(UUID id, UUID by) {
        if (id.equals(by)) {
            throw new AccountProblems.CannotDeactivateYourself();
        }
        Account account = lockedWithAdministrator(id, by);
        if (account.active()) {
            account.deactivate(clock.instant());
            accounts.flush();
            accounts.revokeAccessTokens(id, TokenRevocations.notBefore(account.updatedAt()));
            int revoked = refreshTokens.revokeAll(id);
            outbox.append(new UserDeactivated(id, account.updatedAt()));
            log.info("account deactivated userId={} by={} refreshTokensRevoked={}", id, by, revoked);
        }
        return AccountApi.UserView.of(account);
    }

    @Transactional
    AccountApi.UserView reactivate(UUID id, UUID by) {
        Account account = lockedWithAdministrator(id, by);
        if (!account.active()) {
            account.reactivate(clock.instant());
            accountService.publishUpdated(account);
            log.info("account reactivated userId={} by={}", id, by);
        }
        return AccountApi.UserView.of(account);
    }

    private Account existing(UUID id) {
        return accounts.findById(id).orElseThrow(() -> new ApiException.NotFound("account"));
    }

    /**
     * The account, and the administrator acting on it, both locked, in one order whatever the roles: the check that
     * the administrator is still active (made when the request came in) is made again under the lock, so a request
     * that waited for the administrator's own deactivation — two admins deactivating each other at once, or a
     * compromised admin's request queued behind the hashing — does not go through after it.
     */
    private Account lockedWithAdministrator(UUID id, UUID by) {
        if (id.compareTo(by) < 0) {
            Account account = locked(id);
            activeAdministrator(by);
            return account;
        }
        activeAdministrator(by);
        return locked(id);
    }

    private void activeAdministrator(UUID by) {
        accounts.findLocked(by).filter(Account::active).orElseThrow(() -> new AccountProblems.Unauthorized(
                "Your account was deactivated; sign in again."));
    }

    /** Locked until commit: a profile update of the same account waits, so its event carries the new active flag. */
    private Account locked(UUID id) {
        return accounts.findLocked(id).orElseThrow(() -> new ApiException.NotFound("account"));
    }
}
