package com.luxedrive.vehicle.vehicles;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
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

    Vehicle(VehicleRequests.NewVehicle request, Instant now) {
        this.id = UUID.randomUUID();
        this.ownerId = request.userId();
        this.vin = normalVin(request.vin());
        this.licensePlate = normalPlate(request.licensePlate());
        this.make = request.make().strip();
        this.model = request.model().strip();
        this.year = request.year();
        this.color = request.color();
        this.mileage = request.mileage();
        this.transmissionType = request.transmissionType();
        this.fuelType = request.fuelType();
        this.status = request.status() == null ? "active" : request.status();
        this.createdAt = now;
        this.updatedAt = now;
    }

    static String normalVin(String vin) {
        return vin.strip().toUpperCase(Locale.ROOT);
    }

    /** Plates compare without case and with runs of spaces collapsed: "ab-123 cd" and "AB-123  CD" are one plate. */
    static String normalPlate(String plate) {
        return plate.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    /** Applies a validated merge patch: absent members ({@code null}) stay, present ones are set or cleared. */
    void apply(VehicleRequests.VehicleChanges changes, Instant now) {
        if (changes.licensePlate() != null) {
            licensePlate = normalPlate(changes.licensePlate().orElseThrow());
        }
        if (changes.make() != null) {
            make = changes.make().orElseThrow().strip();
        }
        if (changes.model() != null) {
            model = changes.model().orElseThrow().strip();
        }
        if (changes.year() != null) {
            year = changes.year().orElseThrow();
        }
        if (changes.color() != null) {
            color = changes.color().orElse(null);
        }
        if (changes.mileage() != null) {
            mileage = changes.mileage().orElse(null);
        }
        if (changes.transmissionType() != null) {
            transmissionType = changes.transmissionType().orElse(null);
        }
        if (changes.fuelType() != null) {
            fuelType = changes.fuelType().orElse(null);
        }
        if (changes.status() != null) {
            status = changes.status().orElseThrow();
        }
        updatedAt = now;
    }

    void transferTo(UUID newOwner, Instant now) {
        ownerId = newOwner;
        updatedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID ownerId() {
        return ownerId;
    }

    String vin() {
        return vin;
    }

    String licensePlate() {
        return licensePlate;
    }

    String make() {
        return make;
    }

    String model() {
        return model;
    }

    int year() {
        return year;
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
