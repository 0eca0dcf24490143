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
}
