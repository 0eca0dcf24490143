package com.luxedrive.auth.account;

import com.luxedrive.security.LuxeAuthentication;
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
        return new AuthorizationDecision(accounts.findById(caller.getPrincipal().id())
                .filter(Account::active)
                .filter(account -> account.tokensNotBefore() == null
                        || (issuedAt != null && !issuedAt.isBefore(account.tokensNotBefore())))
                .isPresent());
    }
}
