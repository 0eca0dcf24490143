package com.luxedrive.vehicle.vehicles;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;
import java.util.UUID;

interface VehicleRepository extends JpaRepository<Vehicle, UUID> {

    Page<Vehicle> findByOwnerId(UUID ownerId, Pageable page);

    Optional<Vehicle> findByIdAndOwnerId(UUID id, UUID ownerId);
}
