package com.luxedrive.auth.account;

import com.luxedrive.auth.email.EmailAddresses;
import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

interface AccountRepository extends JpaRepository<Account, UUID> {

    /** The account of this address, however its case and Unicode form differ from the one registered. */
    default Optional<Account> findByEmail(String email) {
        return findByEmailKey(EmailAddresses.key(email));
    }

    Optional<Account> findByEmailKey(String emailKey);

    boolean existsByRole(String role);

    /**
     * The account, its row locked until the transaction ends: a session opened from it is stamped with the latest
     * token revocation, and a logout or deactivation waits for it (and then revokes its token).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select a from Account a where a.id = ?1")
    Optional<Account> findLocked(UUID id);

    /**
     * Revokes the user's access tokens issued before {@code notBefore} ({@link
     * com.luxedrive.events.users.TokenRevocations}): never moves the instant back, whichever of two revocations
     * commits last. @return whether it moved
     */
    @Modifying(flushAutomatically = true)
    @Query("""
            update Account a set a.tokensNotBefore = ?2
            where a.id = ?1 and (a.tokensNotBefore is null or a.tokensNotBefore < ?2)""")
    int revokeAccessTokens(UUID id, Instant notBefore);

    /** Staff search: text in email or name, optionally one role and one activity state. */
    @Query("""
            select a from Account a
            where (:text is null or lower(a.email) like :text or lower(a.firstName) like :text
                   or lower(a.lastName) like :text)
              and (:role is null or a.role = :role)
              and (:active is null or a.active = :active)""")
    Page<Account> search(String text, String role, Boolean active, Pageable page);
}
