package com.luxedrive.auth.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.luxedrive.web.TextPatterns.HAS_TEXT;

/**
 * The request and response bodies of the account endpoints. Requests carry only what their caller may set: a
 * {@code role}, {@code userType} or {@code active} in a body is not a field of any of them and changes nothing.
 */
final class AccountApi {

    private static final String PHONE = "^\\+?[0-9 ()-]{6,20}$";

    private AccountApi() {
    }

    record RegisterRequest(@NotBlank @Email @Size(max = 254) String email,
                           @NotBlank @Size(min = 10, max = 128) String password,
                           @NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 100)
                           String firstName,
                           @NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 100)
                           String lastName,
                           @Pattern(regexp = PHONE, message = "must be a phone number") String phone) {
    }

    record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 128) String password) {
    }

    record RefreshRequest(@NotBlank @Size(max = 100) String refreshToken) {
    }

    record LogoutRequest(@Size(max = 100) String refreshToken) {
    }

    /**
     * A merge patch of the profile: a field left out stays as it is, and {@code "phone": null} removes the phone (the
     * names cannot be removed: a {@code null} name stays as it is too). A class with setters, not a record, because
     * only a setter tells a field sent as {@code null} from one left out: Jackson calls it for the first only.
     */
    static final class ProfileUpdate {

        @Pattern(regexp = HAS_TEXT, message = "must not be blank")
        @Size(max = 100)
        private String firstName;

        @Pattern(regexp = HAS_TEXT, message = "must not be blank")
        @Size(max = 100)
        private String lastName;

        @Pattern(regexp = PHONE, message = "must be a phone number")
        private String phone;

        private boolean phoneSent;

        ProfileUpdate() {
        }

        String firstName() {
            return firstName;
        }

        String lastName() {
            return lastName;
        }

        /** The phone to keep: the one sent, {@code null} to remove it, or the current one if none was sent. */
        String phoneOr(String current) {
            return phoneSent ? phone : current;
        }

        public void setFirstName(String firstName) {
            this.firstName = firstName;
        }

        public void setLastName(String lastName) {
            this.lastName = lastName;
        }

        public void setPhone(String phone) {
            this.phone = phone;
            this.phoneSent = true;
        }
    }

    record PasswordChange(@NotBlank @Size(max = 128) String currentPassword,
                          @NotBlank @Size(min = 10, max = 128) String newPassword) {
    }

    record StaffRequest(@NotBlank @Email @Size(max = 254) String email,
                        @NotBlank @Size(min = 10, max = 128) String password,
                        @NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 100)
                        String firstName,
                        @NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 100)
                        String lastName,
                        @Pattern(regexp = PHONE, message = "must be a phone number") String phone,
                        @NotNull @Pattern(regexp = "admin|support", message = "must be admin or support") String role) {
    }

    /** What the seed's frontends keep: the access token, the refresh token and who they are for. */
    record SessionResponse(String token, String refreshToken, String tokenType, long expiresIn, UserView user) {
    }

    record UserView(UUID id, String email, String firstName, String lastName, String fullName, String phone,
                    String role, String userType, boolean active, Instant createdAt, Instant lastLoginAt) {

        static UserView of(Account account) {
            return new UserView(account.id(), account.email(), account.firstName(), account.lastName(),
                    account.fullName(), account.phone(), account.role().value(), account.role().userType(),
                    account.active(), account.createdAt(), account.lastLoginAt());
        }
    }

    record UserPage(List<UserView> content, int page, int size, long totalElements, int totalPages) {
    }
}
