package com.luxedrive.auth.account;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from {@code LUXE_BOOTSTRAP_ADMIN_EMAIL} / {@code LUXE_BOOTSTRAP_ADMIN_PASSWORD} when no
 * admin exists. No profile has defaults for them; the local platform sets dev values.
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private final AccountService accounts;
    private final Properties properties;

    BootstrapAdmin(AccountService accounts, Properties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.email() != null && !properties.email().isBlank()
                && properties.password() != null && !properties.password().isBlank()) {
            accounts.bootstrapAdmin(properties.email(), properties.password());
        }
    }

    @ConfigurationProperties("luxe.bootstrap.admin")
    record Properties(String email, String password) {
    }
}
