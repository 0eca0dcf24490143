package com.luxedrive.auth.password;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A new password: at least 10 characters, not the email (nor its local part), not a well-known password. */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;
    /** bcrypt reads at most 72 bytes and Spring's refuses more. */
    public static final int MAX_BYTES = 72;

    private final Set<String> common;

    public PasswordPolicy() {
        try {
            String list = new ClassPathResource("auth/common-passwords.txt").getContentAsString(StandardCharsets.UTF_8);
            common = list.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void check(String password, String email) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new WeakPassword("must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new WeakPassword("must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String emailLower = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String localPart = emailLower.contains("@") ? emailLower.substring(0, emailLower.indexOf('@')) : emailLower;
        if (lower.equals(emailLower) || (!localPart.isEmpty() && lower.equals(localPart))) {
            throw new WeakPassword("must not be your email");
        }
        if (common.contains(lower)) {
            throw new WeakPassword("is too common; choose another");
        }
    }

    /** Listed as a field error on {@code password}, like a Bean Validation failure. */
    public static final class WeakPassword extends ApiException {

        private final String reason;

        WeakPassword(String reason) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The password " + reason + ".");
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }

        @Override
        public java.util.Map<String, Object> properties() {
            return java.util.Map.of("errors", java.util.List.of(
                    com.luxedrive.web.ProblemDetailsAdvice.fieldError("password", reason)));
        }
    }
}
