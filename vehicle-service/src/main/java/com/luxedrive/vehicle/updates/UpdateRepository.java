package com.luxedrive.vehicle.updates;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface UpdateRepository extends JpaRepository<VehicleUpdate, UUID> {

    List<VehicleUpdate> findByVehicleIdOrderByCreatedAtDesc(UUID vehicleId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT u FROM VehicleUpdate u WHERE u.id = :id")
    Optional<VehicleUpdate> findForUpdate(UUID id);
}
