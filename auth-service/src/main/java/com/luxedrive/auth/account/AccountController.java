package com.luxedrive.auth.account;

import com.luxedrive.security.LuxePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
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

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@AuthenticationPrincipal LuxePrincipal user,
                @Valid @RequestBody(required = false) AccountApi.LogoutRequest request) {
        accounts.logout(user.id(), request);
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
