package com.luxedrive.auth.account;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
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
    AccountApi.SessionResponse register(@Valid @RequestBody AccountApi.RegisterRequest request) {
        return accounts.register(request);
    }

    @PostMapping("/login")
    AccountApi.SessionResponse login(@Valid @RequestBody AccountApi.LoginRequest request) {
        return accounts.login(request);
    }

    @GetMapping("/me")
    AccountApi.UserView me(@AuthenticationPrincipal LuxePrincipal user) {
        return accounts.me(user.id());
    }
}
