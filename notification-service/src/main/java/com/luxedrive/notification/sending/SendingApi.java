package com.luxedrive.notification.sending;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.luxedrive.web.TextPatterns.HAS_TEXT;

final class SendingApi {

    static final String TYPES = "info|maintenance|document|promotion|alert";
    static final String TYPES_MESSAGE = "must be one of info, maintenance, document, promotion, alert";
    static final String URL = "^https?://\\S+$";

    private SendingApi() {
    }

    /**
     * {@code POST /api/notifications}: send now, at {@code scheduledAt}, or keep as a draft ({@code draft: true}, not
     * with {@code scheduledAt}).
     * {@code vehicleIds} with target {@code vehicle}, {@code userIds} with target {@code user}.
     */
    record SendRequest(@NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 200)
                       String title,
                       @NotBlank @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 5000)
                       String message,
                       @Size(max = 2048) @Pattern(regexp = URL, message = "must be an http or https URL")
                       String imageUrl,
                       @Pattern(regexp = TYPES, message = TYPES_MESSAGE) String type,
                       @NotNull @Pattern(regexp = "all|vehicle|user", message = "must be one of all, vehicle, user")
                       String targetType,
                       @Size(max = 100_000) List<@NotNull UUID> vehicleIds,
                       @Size(max = 100_000) List<@NotNull UUID> userIds,
                       Instant scheduledAt,
                       Boolean draft) {

        String typeOrDefault() {
            return type == null ? "info" : type;
        }
    }

    /**
     * {@code PATCH /api/notifications/{id}} on a draft: the members present change. The image is merge-patched
     * (RFC 7396): left out it stays, {@code null} removes it — an {@link Optional}, null when absent, empty for
     * {@code null}.
     */
    record DraftChanges(@Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 200) String title,
                        @Pattern(regexp = HAS_TEXT, message = "must not be blank") @Size(max = 5000) String message,
                        Optional<@Size(max = 2048) @Pattern(regexp = URL, message = "must be an http or https URL")
                                String> imageUrl,
                        @Pattern(regexp = TYPES, message = TYPES_MESSAGE) String type,
                        @Pattern(regexp = "all|vehicle|user", message = "must be one of all, vehicle, user")
                        String targetType,
                        @Size(max = 100_000) List<@NotNull UUID> vehicleIds,
                        @Size(max = 100_000) List<@NotNull UUID> userIds) {
    }

    record NotificationView(UUID id, String title, String message, String imageUrl, String type, String targetType,
                            List<UUID> vehicleIds, List<UUID> userIds, String status, UUID createdBy,
                            Instant createdAt, Instant updatedAt, Instant scheduledAt, Instant sentAt,
                            Instant cancelledAt, int recipientCount) {
    }

    record SendResponse(NotificationView notification, int recipientCount) {
    }
}
