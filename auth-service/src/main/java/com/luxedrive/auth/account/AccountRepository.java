package com.luxedrive.auth.account;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;
import java.util.UUID;

interface AccountRepository extends JpaRepository<Account, UUID> {

    @Query("select a from Account a where lower(a.email) = lower(?1)")
    Optional<Account> findByEmail(String email);

    boolean existsByRole(String role);

    /** Staff search: text in email or name, optionally one role and one activity state. */
    @Query("""
            select a from Account a
            where (:text is null or lower(a.email) like :text or lower(a.firstName) like :text
                   or lower(a.lastName) like :text)
              and (:role is null or a.role = :role)
              and (:active is null or a.active = :active)""")
    Page<Account> search(String text, String role, Boolean active, Pageable page);
}
