package com.luxedrive.vehicle.vehicles;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Optional;
import java.util.UUID;

import static com.luxedrive.web.TextPatterns.HAS_TEXT;

/** Request bodies of the vehicle routes. Unknown members (an owner id in a PATCH, say) are refused, not ignored. */
final class VehicleRequests {

    static final String PLATE = "\\s*[\\p{L}\\p{N}][\\p{L}\\p{N} -]{0,14}\\s*";
    static final String TRANSMISSIONS = "manual|automatic|semi-automatic";
    static final String FUELS = "petrol|diesel|hybrid|plug-in-hybrid|electric|hydrogen";
    static final String STATUSES = "active|in-service|stored|sold";
    static final int MAX_MILEAGE = 5_000_000;

    private VehicleRequests() {
    }

    /** {@code POST /api/vehicles}: a vehicle for the client {@code userId}. */
    record NewVehicle(
            @NotNull UUID userId,
            @NotBlank @Vin String vin,
            @NotBlank @Pattern(regexp = PLATE, message = "must be 1-15 letters, digits, spaces or hyphens") String licensePlate,
            @NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 60) String make,
            @NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 60) String model,
            @NotNull @Min(1886) Integer year,
            @Size(max = 40) String color,
            @Min(0) @Max(MAX_MILEAGE) Integer mileage,
            @Pattern(regexp = TRANSMISSIONS) String transmissionType,
            @Pattern(regexp = FUELS) String fuelType,
            @Pattern(regexp = STATUSES) String status) {
    }

    /**
     * {@code PATCH /api/vehicles/{id}}, a JSON merge patch (RFC 7396): a member left out stays as it is, a member
     * present is set, and {@code null} clears an optional one (colour, mileage, transmission, fuel). Each member is
     * therefore {@code null} when absent and an {@link Optional} — empty for an explicit {@code null} — when present;
     * the required ones refuse {@code null} ({@code @NotNull} on the element) and a name may not be blanked
     * ({@code HAS_TEXT}). The owner is not here.
     */
    record VehicleChanges(
            Optional<@NotNull @Pattern(regexp = PLATE, message = "must be 1-15 letters, digits, spaces or hyphens") String> licensePlate,
            Optional<@NotNull @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 60) String> make,
            Optional<@NotNull @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 60) String> model,
            Optional<@NotNull @Min(1886) Integer> year,
            Optional<@Size(max = 40) String> color,
            Optional<@Min(0) @Max(MAX_MILEAGE) Integer> mileage,
            Optional<@Pattern(regexp = TRANSMISSIONS) String> transmissionType,
            Optional<@Pattern(regexp = FUELS) String> fuelType,
            Optional<@NotNull @Pattern(regexp = STATUSES) String> status) {
    }

    /** {@code POST /api/vehicles/{id}/transfer}: an admin gives the vehicle to another client. */
    record Transfer(@NotNull UUID newOwnerId) {
    }
}
