package com.luxedrive.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;

/** An authenticated request: its principal is the {@link LuxePrincipal}, its credentials the verified token. */
public class LuxeAuthentication extends AbstractAuthenticationToken {

    private final LuxePrincipal principal;
    private final Jwt token;

    public LuxeAuthentication(LuxePrincipal principal, Jwt token) {
        super(List.of(new SimpleGrantedAuthority(principal.authority())));
        this.principal = principal;
        this.token = token;
        setAuthenticated(true);
    }

    static LuxeAuthentication of(Jwt jwt) {
        return new LuxeAuthentication(new LuxePrincipal(
                java.util.UUID.fromString(jwt.getClaimAsString(LuxeClaims.ID)),
                jwt.getClaimAsString(LuxeClaims.EMAIL), jwt.getClaimAsString(LuxeClaims.FULL_NAME),
                jwt.getClaimAsString(LuxeClaims.ROLE), jwt.getClaimAsString(LuxeClaims.USER_TYPE)), jwt);
    }

    @Override
    public LuxePrincipal getPrincipal() {
        return principal;
    }

    /** When the token was issued ({@code iat}), null when it says not. */
    public java.time.Instant issuedAt() {
        return token.getIssuedAt();
    }

    /** The raw token, for calls made on the user's behalf. */
    @Override
    public String getCredentials() {
        return token.getTokenValue();
    }

    @Override
    public String getName() {
        return principal.id().toString();
    }
}
