package com.luxedrive.vehicle.vehicles;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;
import java.util.UUID;

interface VehicleRepository extends JpaRepository<Vehicle, UUID>, JpaSpecificationExecutor<Vehicle> {

    Optional<Vehicle> findByIdAndOwnerId(UUID id, UUID ownerId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT v FROM Vehicle v WHERE v.id = :id")
    Optional<Vehicle> findForUpdate(UUID id);

    /**
     * Keeps the vehicle from being removed or changing owner until the transaction ends (an upload must not land on
     * the next owner's vehicle as the previous owner's document), without holding back other uploads; waits for a
     * removal or a transfer already under way. Whether it exists. ({@code FOR KEY SHARE} let a transfer through:
     * Hibernate's write lock is {@code FOR NO KEY UPDATE}.)
     */
    @Query(value = "SELECT count(*) FROM (SELECT 1 FROM vehicles WHERE id = :id FOR SHARE) kept", nativeQuery = true)
    long keep(UUID id);

    @Query(value = "SELECT count(*) FROM vehicles WHERE upper(vin) = upper(:vin)", nativeQuery = true)
    long countByVin(String vin);

    @Query(value = "SELECT count(*) FROM vehicles WHERE upper(license_plate) = upper(:plate) AND id <> :exceptId",
            nativeQuery = true)
    long countByPlate(String plate, UUID exceptId);
}
