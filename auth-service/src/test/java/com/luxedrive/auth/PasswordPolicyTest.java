package com.luxedrive.auth;

import com.luxedrive.auth.password.PasswordPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void aLongUncommonPasswordPasses() {
        assertThatCode(() -> policy.check("violet tractor 1987!", "ada@example.test")).doesNotThrowAnyException();
    }

    @Test
    void passwordsBcryptCannotHashAreRefusedNotFailed() {
        assertThatThrownBy(() -> policy.check("🚗".repeat(19), "ada@example.test"))
                .isInstanceOfSatisfying(PasswordPolicy.WeakPassword.class,
                        e -> assertThat(e.reason()).contains("72 bytes"));
    }

    @Test
    void shortPasswordsAreRefused() {
        assertThatThrownBy(() -> policy.check("nine char", "ada@example.test"))
                .isInstanceOfSatisfying(PasswordPolicy.WeakPassword.class,
                        e -> assertThat(e.reason()).contains("10"));
    }

    @Test
    void theEmailOrItsLocalPartIsRefusedWhateverTheCase() {
        assertThatThrownBy(() -> policy.check("ADA.LOVELACE@EXAMPLE.TEST", "ada.lovelace@example.test"))
                .isInstanceOf(PasswordPolicy.WeakPassword.class);
        assertThatThrownBy(() -> policy.check("Ada.Lovelace", "ada.lovelace@example.test"))
                .isInstanceOf(PasswordPolicy.WeakPassword.class);
    }

    @Test
    void listedCommonPasswordsAreRefusedWhateverTheCase() {
        assertThatThrownBy(() -> policy.check("QwertyUiop", "ada@example.test"))
                .isInstanceOfSatisfying(PasswordPolicy.WeakPassword.class,
                        e -> assertThat(e.reason()).contains("common"));
    }

}
