package com.luxedrive.vehicle.vehicles;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "vehicles")
class Vehicle {

    @Id
    private UUID id;
    private UUID ownerId;
    private String vin;
    private String licensePlate;
    private String make;
    private String model;
    private int year;
    private String color;
    private Integer mileage;
    private String transmissionType;
    private String fuelType;
    private String status;
    private Instant createdAt;
    private Instant updatedAt;

    protected Vehicle() {
    }

    VehicleView view() {
        return new VehicleView(id, ownerId, vin, licensePlate, make, model, year, color, mileage, transmissionType,
                fuelType, status, createdAt, updatedAt);
    }

    /** What leaves the service. */
    record VehicleView(UUID id, UUID userId, String vin, String licensePlate, String make, String model, int year,
                       String color, Integer mileage, String transmissionType, String fuelType, String status,
                       Instant createdAt, Instant updatedAt) {
    }
}
