package com.luxedrive.auth.account;

import com.luxedrive.auth.token.TokenIssuer;
import com.luxedrive.events.users.UserRegistered;
import com.luxedrive.messaging.OutboxWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.UUID;

@Service
class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final OutboxWriter outbox;
    private final Clock clock;
    /** Compared against when the email is unknown, so that case costs the same time as a wrong password. */
    private final String dummyHash;

    AccountService(AccountRepository accounts, PasswordEncoder passwords, TokenIssuer tokens, OutboxWriter outbox,
                   Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.outbox = outbox;
        this.clock = clock;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Transactional
    AccountApi.SessionResponse register(AccountApi.RegisterRequest request) {
        Account account = create(request.email(), request.password(), request.firstName(), request.lastName(),
                request.phone(), Role.CLIENT);
        log.info("client registered userId={}", account.id());
        return session(account);
    }

    @Transactional
    AccountApi.SessionResponse login(AccountApi.LoginRequest request) {
        Account account = accounts.findByEmail(request.email().strip()).orElse(null);
        boolean matches = passwords.matches(request.password(), account == null ? dummyHash : account.passwordHash());
        if (account == null || !matches || !account.active()) {
            throw new AccountProblems.InvalidCredentials();
        }
        if (passwords.upgradeEncoding(account.passwordHash())) {
            account.rehashPassword(passwords.encode(request.password()), clock.instant());
        }
        account.loggedIn(clock.instant());
        return session(account);
    }

    @Transactional(readOnly = true)
    AccountApi.UserView me(UUID userId) {
        return accounts.findById(userId).map(AccountApi.UserView::of)
                .orElseThrow(() -> new com.luxedrive.web.ApiException.NotFound("account"));
    }

    /** Creates the first admin, unless an admin exists already. */
    @Transactional
    boolean bootstrapAdmin(String email, String password) {
        if (accounts.existsByRole(Role.ADMIN.value())) {
            return false;
        }
        Account admin = create(email, password, "Platform", "Admin", null, Role.ADMIN);
        log.info("bootstrap admin created userId={}", admin.id());
        return true;
    }

    private Account create(String email, String password, String firstName, String lastName, String phone, Role role) {
        String normalisedEmail = email.strip();
        if (accounts.findByEmail(normalisedEmail).isPresent()) {
            throw new AccountProblems.EmailAlreadyRegistered();
        }
        Account account = new Account(UUID.randomUUID(), normalisedEmail, passwords.encode(password),
                firstName.strip(), lastName.strip(), phone, role, clock.instant());
        try {
            accounts.saveAndFlush(account);
        } catch (DataIntegrityViolationException raceOnEmail) {
            throw new AccountProblems.EmailAlreadyRegistered();
        }
        outbox.append(new UserRegistered(account.id(), account.fullName(), role.userType(), role.value(), true,
                account.createdAt()));
        return account;
    }

    private AccountApi.SessionResponse session(Account account) {
        TokenIssuer.IssuedToken token = tokens.issue(new TokenIssuer.Subject(account.id(), account.email(),
                account.fullName(), account.role().value(), account.role().userType()));
        return new AccountApi.SessionResponse(token.value(), "Bearer", token.expiresIn().toSeconds(),
                AccountApi.UserView.of(account));
    }
}
