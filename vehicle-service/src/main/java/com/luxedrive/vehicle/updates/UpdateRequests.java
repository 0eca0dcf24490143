package com.luxedrive.vehicle.updates;

import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

import static com.luxedrive.web.TextPatterns.HAS_TEXT;

final class UpdateRequests {

    private UpdateRequests() {
    }

    /** {@code POST /api/vehicles/{id}/updates} (staff). */
    record NewUpdate(
            @NotNull @Pattern(regexp = "maintenance|repair|inspection|recall|other") String updateType,
            @NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 200) String title,
            @Size(max = 4000) String description,
            @Pattern(regexp = "low|normal|high|urgent") String priority,
            @FutureOrPresent Instant scheduledDate) {
    }

    /** {@code POST /api/vehicle-updates/{id}/response} (the owner). */
    record Answer(@NotNull Boolean approved, @Size(max = 500) String reason) {
    }

    /** {@code PATCH /api/vehicle-updates/{id}} (staff): close the request. */
    record Closing(@NotNull @Pattern(regexp = "completed|cancelled") String status) {
    }
}
