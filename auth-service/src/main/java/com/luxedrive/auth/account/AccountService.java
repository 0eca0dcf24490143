package com.luxedrive.auth.account;

import com.luxedrive.auth.abuse.IpThrottle;
import com.luxedrive.auth.abuse.LoginLockout;
import com.luxedrive.auth.password.PasswordHashing;
import com.luxedrive.auth.password.PasswordPolicy;
import com.luxedrive.auth.session.RefreshTokens;
import com.luxedrive.auth.token.TokenIssuer;
import com.luxedrive.events.users.TokenRevocations;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.events.users.UserRegistered;
import com.luxedrive.events.users.UserUpdated;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's own account: registration, login, refresh, logout, profile and password. Hashing happens outside database
 * transactions, on the bounded hashing pool, so slow hashes never hold a connection.
 */
@Service
class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final PasswordHashing hashing;
    private final PasswordPolicy policy;
    private final TokenIssuer tokens;
    private final RefreshTokens refreshTokens;
    private final LoginLockout lockout;
    private final IpThrottle throttle;
    private final OutboxWriter outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** Compared against when the email is unknown, so that case costs the same time as a wrong password. */
    private final String dummyHash;

    AccountService(AccountRepository accounts, PasswordHashing hashing, PasswordPolicy policy, TokenIssuer tokens,
                   RefreshTokens refreshTokens, LoginLockout lockout, IpThrottle throttle, OutboxWriter outbox,
                   TransactionTemplate transactions, Clock clock) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.policy = policy;
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.lockout = lockout;
        this.throttle = throttle;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.dummyHash = hashing.encode(UUID.randomUUID().toString());
    }

    AccountApi.SessionResponse register(AccountApi.RegisterRequest request, String ip) {
        throttle.check("register", ip);
        policy.check(request.password(), request.email());
        String hash = hashing.encode(request.password());
        return transactions.execute(tx -> {
            Account account = create(request.email(), hash, request.firstName(), request.lastName(),
                    request.phone(), Role.CLIENT);
            log.info("client registered userId={}", account.id());
            return session(account);
        });
    }

    AccountApi.SessionResponse login(AccountApi.LoginRequest request, String ip) {
        throttle.check("login", ip);
        String email = request.email().strip();
        int attempt = lockout.reserveAttempt(email);
        Optional<Account> found = accounts.findByEmail(email);
        boolean matches = hashing.matches(request.password(), found.map(Account::passwordHash).orElse(dummyHash));
        if (found.isEmpty() || !matches || !found.get().active()) {
            lockout.recordFailure(email, attempt);
            throw new AccountProblems.InvalidCredentials();
        }
        lockout.recordSuccess(email);
        String upgraded = hashing.upgradeEncoding(found.get().passwordHash()) ? hashing.encode(request.password()) : null;
        return transactions.execute(tx -> {
            // deactivated, or its password changed, while the password was being checked: no session (a change
            // revokes every session; one opened with the old password just after would survive it)
            // (a hash that changed because a concurrent login upgraded its encoding still matches the password: checked
            // again, which only such a race pays for)
            Account account = accounts.findLocked(found.get().id()).filter(Account::active)
                    .filter(locked -> locked.passwordHash().equals(found.get().passwordHash())
                            || hashing.matches(request.password(), locked.passwordHash()))
                    .orElseThrow(AccountProblems.InvalidCredentials::new);
            if (upgraded != null) {
                account.changePassword(upgraded, clock.instant());
            }
            account.loggedIn(clock.instant());
            return session(account);
        });
    }

    /** Rotation and the new session commit together: a failure leaves the presented token unspent. */
    AccountApi.SessionResponse refresh(AccountApi.RefreshRequest request, String ip) {
        throttle.check("refresh", ip);
        try {
            return rotateAndOpen(request.refreshToken());
        } catch (RefreshTokens.FamilyToRevoke reuse) {
            revoke(reuse);
            throw reuse;
        }
    }

    /** After the rotation's transaction rolled back: the family, and for a theft the session's access tokens too. */
    private void revoke(RefreshTokens.FamilyToRevoke reuse) {
        Optional<UUID> stolenFrom = reuse.stolenFrom();
        if (stolenFrom.isPresent()) {
            try {
                endStolenSession(stolenFrom.get(), reuse.familyId());
                return;
            } catch (RuntimeException e) {
                // at least the family goes (the caller is answered as for any refused token either way)
                log.error("ending a stolen session failed userId={} family={}", stolenFrom.get(), reuse.familyId(), e);
            }
        }
        int revoked = refreshTokens.revokeFamilyNow(reuse.familyId());
        log.info("refresh token family revoked family={} revoked={}", reuse.familyId(), revoked);
    }

    /**
     * A spent refresh token of a live family came back: either its owner or a thief rotated it first, and whoever did
     * holds an access token of this session as well, which revoking the family alone leaves good for its lifetime (on
     * sockets, on this service's administration routes). So the family goes, the user's access tokens issued until now
     * are revoked and their sockets closed, as a logout does; the user's other devices refresh with their own families
     * and go on. In a transaction of its own: the rotation's has rolled back.
     */
    private void endStolenSession(UUID userId, UUID familyId) {
        transactions.executeWithoutResult(tx -> {
            // the user row first, then the tokens; the instant once the lock is held (as a logout)
            accounts.findLocked(userId);
            Instant now = clock.instant();
            int revoked = refreshTokens.revokeFamily(familyId);
            signedOut(userId, now);
            log.warn("refresh token reuse: family revoked and access tokens revoked userId={} family={} revoked={}",
                    userId, familyId, revoked);
        });
    }

    private AccountApi.SessionResponse rotateAndOpen(String refreshToken) {
        return transactions.execute(tx -> {
            RefreshTokens.Rotated rotated = refreshTokens.rotate(refreshToken);
            Account account = accounts.findById(rotated.userId()).filter(Account::active).orElse(null);
            if (account == null) {
                throw new RefreshTokens.FamilyToRevoke(rotated.familyId(), null);
            }
            return sessionWith(account, rotated.refreshToken());
        });
    }

    /**
     * The access tokens issued before it are revoked for sockets, and the refresh tokens asked for: the family of
     * the refresh token given, else all of the user's. {@code signedIn} is the valid access token's user, or null;
     * then the refresh token given says whose session ends.
     */
    @Transactional
    void logout(UUID signedIn, AccountApi.LogoutRequest request) {
        boolean refreshTokenGiven = request != null && request.refreshToken() != null
                && !request.refreshToken().isBlank();
        UUID userId = signedIn != null ? signedIn
                : refreshTokenGiven ? refreshTokens.ownerOf(request.refreshToken())
                        .orElseThrow(RefreshTokens.InvalidRefreshToken::new)
                : null;
        if (userId == null) {
            throw new AccountProblems.Unauthorized(
                    "Give a valid access token, or the session's refresh token in the body.");
        }
        // the user row first, then the tokens: the order a concurrent refresh takes them in. Locked outright: the
        // revocation below takes the row only when it moves the instant, and one already at this second (a logout on
        // another device moments ago) left a refresh holding the row free to commit a new token this logout missed.
        // The instant is read once the lock is held: read before, a refresh that held the row meanwhile could sign its
        // token in the next second, which the revocation would then not cover.
        accounts.findLocked(userId);
        Instant now = clock.instant();
        if (refreshTokenGiven) {
            refreshTokens.revokeFamilyOf(request.refreshToken(), userId);
        } else {
            refreshTokens.revokeAll(userId);
        }
        signedOut(userId, now);
    }

    /**
     * What every end of a user's sessions does, in the caller's transaction, the user row locked: the access tokens
     * issued until {@code now} refused (sockets, administration routes) and the sign-out announced (sockets close).
     */
    private void signedOut(UUID userId, Instant now) {
        accounts.revokeAccessTokens(userId, TokenRevocations.notBefore(now));
        outbox.append(new UserLoggedOut(userId, now));
    }

    @Transactional(readOnly = true)
    AccountApi.UserView me(UUID userId) {
        return AccountApi.UserView.of(existing(userId));
    }

    @Transactional
    AccountApi.UserView updateProfile(UUID userId, AccountApi.ProfileUpdate update) {
        // locked: the event carries the account's active flag, which a deactivation committing meanwhile would
        // otherwise have changed after it was read (the projections keep the newest event's flag)
        Account account = accounts.findLocked(userId).orElseThrow(() -> new ApiException.NotFound("account"));
        account.updateProfile(
                update.firstName() == null ? account.firstName() : update.firstName().strip(),
                update.lastName() == null ? account.lastName() : update.lastName().strip(),
                update.phoneOr(account.phone()),
                clock.instant());
        publishUpdated(account);
        return AccountApi.UserView.of(account);
    }

    /**
     * Changing the password ends every session, this one included (the client signs in again with the new password):
     * all refresh tokens are revoked, the access tokens issued before are refused on sockets (and on this service's
     * administration routes), and an event tells realtime-service to close the user's sockets — as a logout does; a
     * password is changed after a suspected compromise.
     */
    void changePassword(UUID userId, AccountApi.PasswordChange change) {
        throttle.check("password", userId.toString());
        Account current = transactions.execute(tx -> existing(userId));
        // the current password is a password guessed with a token instead of an email: counted and locked as logins
        // are, or a stolen session could try passwords here until one took the account
        int attempt = lockout.reservePasswordCheck(userId);
        if (!hashing.matches(change.currentPassword(), current.passwordHash())) {
            lockout.recordPasswordCheckFailure(userId, attempt);
            throw new AccountProblems.WrongCurrentPassword();
        }
        lockout.recordPasswordCheckSuccess(userId);
        policy.check(change.newPassword(), current.email());
        String hash = hashing.encode(change.newPassword());
        transactions.executeWithoutResult(tx -> {
            // Locked, and the current password checked again if the hash changed since it was checked: a change
            // committed meanwhile (the user's own, on another device, after a compromise) was otherwise overwritten by
            // one whose current password it had just made wrong. The user row first, then the tokens: the order a
            // concurrent refresh takes them in; the instant once the lock is held.
            Account account = accounts.findLocked(userId)
                    .filter(locked -> locked.passwordHash().equals(current.passwordHash())
                            || hashing.matches(change.currentPassword(), locked.passwordHash()))
                    .orElseThrow(AccountProblems.WrongCurrentPassword::new);
            Instant now = clock.instant();
            account.changePassword(hash, now);
            accounts.flush();
            refreshTokens.revokeAll(userId);
            signedOut(userId, now);
        });
        log.info("password changed userId={}", userId);
    }

    /**
     * Creates the first admin, unless an admin exists already. Its password must pass the policy every other password
     * does (the most powerful account, set by an operator): a weak one stops the start-up with the reason.
     */
    boolean bootstrapAdmin(String email, String password) {
        if (accounts.existsByRole(Role.ADMIN.value())) {
            return false;
        }
        try {
            policy.check(password, email);
        } catch (PasswordPolicy.WeakPassword weak) {
            throw new IllegalStateException("LUXE_BOOTSTRAP_ADMIN_PASSWORD: the password " + weak.reason(), weak);
        }
        String hash = hashing.encode(password);
        try {
            Account admin = transactions.execute(tx -> create(email, hash, "Platform", "Admin", null, Role.ADMIN));
            log.info("bootstrap admin created userId={}", admin.id());
            return true;
        } catch (AccountProblems.EmailAlreadyRegistered e) {
            // another replica was first, or the address belongs to an existing account: start anyway
            log.warn("bootstrap admin not created: its email is already registered");
            return false;
        }
    }

    /** Inside a transaction: the account and its UserRegistered event commit together. */
    Account create(String email, String passwordHash, String firstName, String lastName, String phone, Role role) {
        if (accounts.findByEmail(email).isPresent()) {
            throw new AccountProblems.EmailAlreadyRegistered();
        }
        Account account = new Account(UUID.randomUUID(), email, passwordHash, firstName.strip(),
                lastName.strip(), phone, role, clock.instant());
        try {
            accounts.saveAndFlush(account);
        } catch (DataIntegrityViolationException refused) {
            // the unique email index: a registration of the same address committed meanwhile; anything else (a value
            // the database cannot store, SQLSTATE class 22, which Hibernate reports the same way) is not a conflict
            if (refused.getMostSpecificCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new AccountProblems.EmailAlreadyRegistered();
            }
            throw refused;
        }
        outbox.append(new UserRegistered(account.id(), account.fullName(), role.userType(), role.value(), true,
                account.createdAt()));
        return account;
    }

    void publishUpdated(Account account) {
        outbox.append(new UserUpdated(account.id(), account.fullName(), account.role().userType(),
                account.role().value(), account.active(), account.updatedAt()));
    }

    private Account existing(UUID userId) {
        return accounts.findById(userId).orElseThrow(() -> new ApiException.NotFound("account"));
    }

    private AccountApi.SessionResponse session(Account account) {
        return sessionWith(account, refreshTokens.issue(account.id()));
    }

    private AccountApi.SessionResponse sessionWith(Account account, String refreshToken) {
        TokenIssuer.IssuedToken token = tokens.issue(new TokenIssuer.Subject(account.id(), account.email(),
                account.fullName(), account.role().value(), account.role().userType(), account.tokensNotBefore()));
        return new AccountApi.SessionResponse(token.value(), refreshToken, "Bearer", token.expiresIn().toSeconds(),
                AccountApi.UserView.of(account));
    }
}
