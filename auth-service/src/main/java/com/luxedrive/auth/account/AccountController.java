package com.luxedrive.auth.account;

import com.luxedrive.security.LuxePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/auth")
class AccountController {

    private final AccountService accounts;
    private final JwtDecoder tokens;

    AccountController(AccountService accounts, JwtDecoder tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    AccountApi.SessionResponse register(@Valid @RequestBody AccountApi.RegisterRequest request,
                                        HttpServletRequest http) {
        return accounts.register(request, http.getRemoteAddr());
    }

    @PostMapping("/login")
    AccountApi.SessionResponse login(@Valid @RequestBody AccountApi.LoginRequest request, HttpServletRequest http) {
        return accounts.login(request, http.getRemoteAddr());
    }

    @PostMapping("/refresh")
    AccountApi.SessionResponse refresh(@Valid @RequestBody AccountApi.RefreshRequest request, HttpServletRequest http) {
        return accounts.refresh(request, http.getRemoteAddr());
    }

    /**
     * With a valid access token, as any signed-in call; without one — an app back after its access token expired —
     * the refresh token in the body says whose session ends (its holder could refresh and log out anyway). Public in
     * the security chain so an expired token is not a 401 before this decides.
     */
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(HttpServletRequest http, @Valid @RequestBody(required = false) AccountApi.LogoutRequest request) {
        accounts.logout(signedIn(http), request);
    }

    /** The user of a valid bearer token; null without one, or with one no longer valid (expired, forged). */
    private UUID signedIn(HttpServletRequest http) {
        String header = http.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            return UUID.fromString(tokens.decode(header.substring(7).strip()).getSubject());
        } catch (JwtException | IllegalArgumentException notValid) {
            return null;
        }
    }

    @GetMapping("/me")
    AccountApi.UserView me(@AuthenticationPrincipal LuxePrincipal user) {
        return accounts.me(user.id());
    }

    @PatchMapping("/me")
    AccountApi.UserView updateMe(@AuthenticationPrincipal LuxePrincipal user,
                                 @Valid @RequestBody AccountApi.ProfileUpdate update) {
        return accounts.updateProfile(user.id(), update);
    }

    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal LuxePrincipal user,
                        @Valid @RequestBody AccountApi.PasswordChange change) {
        accounts.changePassword(user.id(), change);
    }
}
