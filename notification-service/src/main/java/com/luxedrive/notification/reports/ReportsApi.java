package com.luxedrive.notification.reports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class ReportsApi {

    private ReportsApi() {
    }

    /** Delivery figures of one notification; rates are fractions of the recipients (0 when there are none). */
    record Stats(long recipients, long delivered, long read, double deliveryRate, double readRate,
                 Double medianSecondsToRead) {
    }

    /**
     * One notification for staff. In the list, {@code vehicleIds} and {@code userIds} are {@code null} when there are
     * more than {@value Reports#LISTED_IDS} (never shortened); {@code vehicleIdCount} and {@code userIdCount} always say
     * how many there are.
     */
    record NotificationSummary(UUID id, String title, String message, String imageUrl, String type, String targetType,
                               List<UUID> vehicleIds, int vehicleIdCount, List<UUID> userIds, int userIdCount,
                               String status, UUID createdBy,
                               Instant createdAt, Instant updatedAt, Instant scheduledAt, Instant sentAt,
                               Instant cancelledAt,
                               Stats stats) {
    }

    record NotificationPage(List<NotificationSummary> content, int page, int size, long totalElements) {
    }

    record Recipient(UUID userId, String status, Instant sentAt, Instant deliveredAt, Instant readAt) {
    }

    record RecipientPage(List<Recipient> content, int page, int size, long totalElements) {
    }

    record TypeFigures(String type, long notifications, long recipients, double deliveryRate, double readRate) {
    }

    /** What was sent in a period, and how much of it was delivered and read. */
    record Analytics(Instant from, Instant to, long notifications, long recipients, double deliveryRate,
                     double readRate, List<TypeFigures> byType) {
    }
}
