package com.luxedrive.security;

import java.util.UUID;

/**
 * Who a verified token speaks for.
 *
 * @param role     {@code client}, {@code admin} or {@code support}
 * @param userType {@code client} or {@code admin} (staff)
 */
public record LuxePrincipal(UUID id, String email, String fullName, String role, String userType) {

    public boolean isStaff() {
        return "admin".equals(userType);
    }

    /** The Spring Security authority of the role: {@code ROLE_CLIENT}, {@code ROLE_ADMIN} or {@code ROLE_SUPPORT}. */
    public String authority() {
        return "ROLE_" + role.toUpperCase(java.util.Locale.ROOT);
    }
}
