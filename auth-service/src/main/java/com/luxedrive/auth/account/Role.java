package com.luxedrive.auth.account;

import java.util.Arrays;

/** What an account may do. Clients are {@code userType=client}; admins and support are staff ({@code userType=admin}). */
enum Role {
    CLIENT("client", "client"),
    ADMIN("admin", "admin"),
    SUPPORT("support", "admin");

    private final String value;
    private final String userType;

    Role(String value, String userType) {
        this.value = value;
        this.userType = userType;
    }

    String value() {
        return value;
    }

    String userType() {
        return userType;
    }

    static Role of(String value) {
        return Arrays.stream(values()).filter(role -> role.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role " + value));
    }
}
