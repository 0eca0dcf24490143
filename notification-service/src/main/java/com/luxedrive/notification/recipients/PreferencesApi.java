package com.luxedrive.notification.recipients;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

final class PreferencesApi {

    private PreferencesApi() {
    }

    /** {@code PUT /api/notifications/preferences}: the whole list of muted types. */
    record Change(@NotNull @Size(max = 5) List<@NotNull @Pattern(regexp = "info|maintenance|document|promotion|alert",
            message = "must be one of info, maintenance, document, promotion, alert") String> mutedTypes) {
    }

    record View(List<String> mutedTypes, List<String> mandatoryTypes) {
    }
}
