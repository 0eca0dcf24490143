package com.luxedrive.vehicle.documents;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface DocumentRepository extends JpaRepository<Document, UUID> {

    List<Document> findByVehicleIdOrderByCreatedAtDesc(UUID vehicleId);

    /** A client's documents of a vehicle: those uploaded while it was theirs. */
    List<Document> findByVehicleIdAndOwnerIdOrderByCreatedAtDesc(UUID vehicleId, UUID ownerId);

    /** The owner's documents of a vehicle in a status (a seller's pending ones do not count against the buyer). */
    long countByVehicleIdAndOwnerIdAndStatus(UUID vehicleId, UUID ownerId, String status);

    /** Until the transaction ends, the other uploads to this vehicle wait (a lock on the id, not on the row). */
    @Query(value = "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(6500, hashtext(CAST(:vehicleId AS text)))) locked",
            nativeQuery = true)
    long serializeUploads(UUID vehicleId);

    boolean existsByVehicleIdAndOwnerIdAndSha256AndStatusNot(UUID vehicleId, UUID ownerId, String sha256,
                                                             String status);

    /** The document's vehicle, read without loading the document (so a later locked read gets its current state). */
    @Query("SELECT d.vehicleId FROM Document d WHERE d.id = :id")
    Optional<UUID> vehicleIdOf(UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT d FROM Document d WHERE d.id = :id")
    Optional<Document> findForUpdate(UUID id);
}
