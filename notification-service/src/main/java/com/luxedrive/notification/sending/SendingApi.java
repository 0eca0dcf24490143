package com.luxedrive.notification.sending;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class SendingApi {

    private SendingApi() {
    }

    record SendRequest(@NotBlank @Size(max = 200) String title,
                       @NotBlank @Size(max = 5000) String message,
                       @Size(max = 2048) @Pattern(regexp = "^https?://\\S+$", message = "must be an http or https URL")
                       String imageUrl,
                       @Pattern(regexp = "info|maintenance|document|promotion|alert",
                               message = "must be one of info, maintenance, document, promotion, alert") String type,
                       @NotNull @Pattern(regexp = "all|vehicle|user", message = "must be one of all, vehicle, user")
                       String targetType,
                       @Size(max = 10000) List<@NotNull UUID> vehicleIds,
                       @Size(max = 10000) List<@NotNull UUID> userIds,
                       Instant scheduledAt,
                       Boolean draft) {

        String typeOrDefault() {
            return type == null ? "info" : type;
        }
    }

    record NotificationView(UUID id, String title, String message, String imageUrl, String type, String targetType,
                            String status, UUID createdBy, Instant createdAt, Instant sentAt, int recipientCount) {
    }

    record SendResponse(NotificationView notification, int recipientCount) {
    }
}
