package com.luxedrive.vehicle.updates;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface UpdateRepository extends JpaRepository<VehicleUpdate, UUID> {

    List<VehicleUpdate> findByVehicleIdOrderByCreatedAtDesc(UUID vehicleId);

    List<VehicleUpdate> findByVehicleIdAndOwnerIdOrderByCreatedAtDesc(UUID vehicleId, UUID ownerId);

    /** The request's vehicle, read without loading the request (so a later locked read gets its current state). */
    @Query("SELECT u.vehicleId FROM VehicleUpdate u WHERE u.id = :id")
    Optional<UUID> vehicleIdOf(UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT u FROM VehicleUpdate u WHERE u.id = :id")
    Optional<VehicleUpdate> findForUpdate(UUID id);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT u FROM VehicleUpdate u WHERE u.vehicleId = :vehicleId AND u.status IN :statuses")
    List<VehicleUpdate> findForUpdateByVehicleIdAndStatusIn(UUID vehicleId, Collection<String> statuses);
}
