package com.luxedrive.auth.account;

import com.luxedrive.auth.email.EmailAddresses;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;

/**
 * A client's or a staff member's account. Never leaves the service: {@link UserView} does. An update writes only the
 * columns it changed, so transactions that change different things (a login's time, a password) never undo each
 * other.
 */
@Entity
@Table(name = "users")
@DynamicUpdate
class Account {

    @Id
    private UUID id;
    private String email;
    /** The address as compared ({@link EmailAddresses#key}); unique. */
    @Column(updatable = false)
    private String emailKey;
    @Column(name = "password_hash")
    private String passwordHash;
    private String firstName;
    private String lastName;
    private String phone;
    private String userType;
    private String role;
    private boolean active;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant lastLoginAt;
    /** Written only by {@link AccountRepository#revokeAccessTokens}, which never moves it back. */
    @Column(insertable = false, updatable = false)
    private Instant tokensNotBefore;

    protected Account() {
    }

    Account(UUID id, String email, String passwordHash, String firstName, String lastName, String phone,
            Role role, Instant now) {
        this.id = id;
        this.email = EmailAddresses.displayed(email);
        this.emailKey = EmailAddresses.key(email);
        this.passwordHash = passwordHash;
        this.firstName = firstName;
        this.lastName = lastName;
        this.phone = phone;
        this.role = role.value();
        this.userType = role.userType();
        this.active = true;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void loggedIn(Instant at) {
        this.lastLoginAt = at;
    }

    void changePassword(String newHash, Instant at) {
        this.passwordHash = newHash;
        this.updatedAt = at;
    }

    void updateProfile(String firstName, String lastName, String phone, Instant at) {
        this.firstName = firstName;
        this.lastName = lastName;
        this.phone = phone;
        this.updatedAt = at;
    }

    void deactivate(Instant at) {
        this.active = false;
        this.updatedAt = at;
    }

    void reactivate(Instant at) {
        this.active = true;
        this.updatedAt = at;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Instant lastLoginAt() {
        return lastLoginAt;
    }

    /** The earliest issue time a new access token may carry; null while no token was ever revoked. */
    Instant tokensNotBefore() {
        return tokensNotBefore;
    }

    UUID id() {
        return id;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    String firstName() {
        return firstName;
    }

    String lastName() {
        return lastName;
    }

    String fullName() {
        return firstName + " " + lastName;
    }

    String phone() {
        return phone;
    }

    Role role() {
        return Role.of(role);
    }

    boolean active() {
        return active;
    }

    Instant createdAt() {
        return createdAt;
    }
}
