package com.luxedrive.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/** The request and response bodies of the account endpoints. */
final class AccountApi {

    private AccountApi() {
    }

    record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
                           @NotBlank @Size(min = 10, max = 128) String password,
                           @NotBlank @Size(max = 100) String firstName,
                           @NotBlank @Size(max = 100) String lastName,
                           @Pattern(regexp = "^\\+?[0-9 ()-]{6,20}$", message = "must be a phone number") String phone) {
    }

    record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    /** What the seed's frontends keep: the access token and who it is for. */
    record SessionResponse(String token, String tokenType, long expiresIn, UserView user) {
    }

    record UserView(UUID id, String email, String firstName, String lastName, String fullName, String phone,
                    String role, String userType, boolean active, Instant createdAt) {

        static UserView of(Account account) {
            return new UserView(account.id(), account.email(), account.firstName(), account.lastName(),
                    account.fullName(), account.phone(), account.role().value(), account.role().userType(),
                    account.active(), account.createdAt());
        }
    }
}
