package com.luxedrive.notification.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class InboxApi {

    private InboxApi() {
    }

    record InboxItem(UUID id, String title, String message, String imageUrl, String type, String status,
                     Instant sentAt, Instant deliveredAt, Instant readAt) {
    }

    record InboxPage(List<InboxItem> content, int page, int size, long totalElements) {
    }

    record UnreadCount(long count) {
    }

    record ReadState(UUID notificationId, String status, Instant readAt) {
    }

    record ReadAll(int updated) {
    }
}
