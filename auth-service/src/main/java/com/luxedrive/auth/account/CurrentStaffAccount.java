package com.luxedrive.auth.account;

import com.luxedrive.security.LuxeAuthentication;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The administration routes' check that the caller's account, which this service owns, still stands behind the
 * token: active, and not signed out (or deactivated) since the token was issued. Other services accept a token until
 * it expires (ADR 8); here a deactivated admin's token would otherwise reactivate its own account, or create an admin
 * to come back as, for as long as it lives. One read by primary key per administration request.
 * <p>
 * A token that fails it is no longer a credential: a 401 (with {@code WWW-Authenticate}), not a 403 saying the role
 * may not — so the admin panel on another device, whose token a logout elsewhere revoked, refreshes it as for an
 * expired one instead of showing "forbidden" for the rest of its life. A deactivated account's refresh is refused
 * too, and its panel goes back to the login.
 */
@Component
public class CurrentStaffAccount implements AuthorizationManager<RequestAuthorizationContext> {

    private final AccountRepository accounts;

    CurrentStaffAccount(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext request) {
        if (!(authentication.get() instanceof LuxeAuthentication caller)) {
            return new AuthorizationDecision(false);
        }
        Instant issuedAt = caller.issuedAt();
        boolean stands = accounts.findById(caller.getPrincipal().id())
                .filter(Account::active)
                .filter(account -> account.tokensNotBefore() == null
                        || (issuedAt != null && !issuedAt.isBefore(account.tokensNotBefore())))
                .isPresent();
        if (!stands) {
            throw new CredentialsExpiredException("the token was revoked, or its account deactivated, after it was issued");
        }
        return new AuthorizationDecision(true);
    }
}
