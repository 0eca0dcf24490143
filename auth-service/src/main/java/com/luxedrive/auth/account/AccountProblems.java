package com.luxedrive.auth.account;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The refusals of the account endpoints. */
final class AccountProblems {

    private AccountProblems() {
    }

    static final class EmailAlreadyRegistered extends ApiException {
        EmailAlreadyRegistered() {
            super(HttpStatus.CONFLICT, ProblemTypes.of("email-already-registered"),
                    "An account with this email already exists.");
        }
    }

    /** Unknown email, wrong password and deactivated account all answer this, alike. */
    static final class InvalidCredentials extends ApiException {
        InvalidCredentials() {
            super(HttpStatus.UNAUTHORIZED, ProblemTypes.of("invalid-credentials"), "Email or password is wrong.");
        }
    }

    /**
     * A 401 decided past the security chain: an admin deactivated while their request waited (as
     * {@code CurrentStaffAccount} answers), a logout with neither a valid access token nor a refresh token.
     */
    static final class Unauthorized extends ApiException {
        Unauthorized(String detail) {
            super(HttpStatus.UNAUTHORIZED, ProblemTypes.of("unauthorized"), detail);
        }
    }

    static final class WrongCurrentPassword extends ApiException {
        WrongCurrentPassword() {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.of("wrong-current-password"),
                    "The current password is wrong.");
        }
    }

    static final class CannotDeactivateYourself extends ApiException {
        CannotDeactivateYourself() {
            super(HttpStatus.CONFLICT, ProblemTypes.of("cannot-deactivate-yourself"),
                    "An admin cannot deactivate their own account.");
        }
    }
}
