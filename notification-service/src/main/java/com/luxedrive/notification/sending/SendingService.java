package com.luxedrive.notification.sending;

import com.luxedrive.events.notifications.Audience;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.notification.recipients.Recipients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

@Service
class SendingService {

    private static final Logger log = LoggerFactory.getLogger(SendingService.class);

    private final JdbcClient jdbc;
    private final Recipients recipients;
    private final OutboxWriter outbox;
    private final Clock clock;

    SendingService(JdbcClient jdbc, Recipients recipients, OutboxWriter outbox, Clock clock) {
        this.jdbc = jdbc;
        this.recipients = recipients;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Sends now: the notification, one history row per recipient and the dispatch event commit together, or nothing
     * does.
     */
    @Transactional
    SendingApi.SendResponse send(SendingApi.SendRequest request, UUID sender) {
        if (Boolean.TRUE.equals(request.draft()) || request.scheduledAt() != null) {
            throw new SendingProblems.InvalidTarget("Drafts and scheduled sends are not available yet (issue #5).");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO notifications (id, title, message, image_url, type, target_type, status, created_by,
                                                   created_at, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'sent', ?, ?, ?)""")
                .params(id, request.title().strip(), request.message().strip(), request.imageUrl(),
                        request.typeOrDefault(), request.targetType(), sender, Timestamp.from(now), Timestamp.from(now))
                .update();

        Audience audience;
        int count;
        switch (request.targetType()) {
            case "all" -> {
                audience = Audience.allClients();
                count = recipients.addAllActiveClients(id, now);
            }
            case "user" -> {
                List<UUID> userIds = distinct(request.userIds());
                List<UUID> unknown = recipients.unknownUsers(userIds);
                if (!unknown.isEmpty()) {
                    throw new SendingProblems.UnknownUsers(unknown);
                }
                audience = Audience.users(userIds);
                count = recipients.addUsers(id, userIds, now);
            }
            default -> throw new SendingProblems.InvalidTarget(
                    "targetType 'vehicle' needs the vehicle-ownership projection (issue #5).");
        }
        if (count == 0) {
            throw new SendingProblems.NoRecipients();
        }
        jdbc.sql("UPDATE notifications SET recipient_count = ? WHERE id = ?").params(count, id).update();
        outbox.append(new NotificationDispatched(id, request.title().strip(), request.message().strip(),
                request.imageUrl(), request.typeOrDefault(), List.of(), audience, now));
        log.info("notification sent notificationId={} recipients={} by={}", id, count, sender);
        return new SendingApi.SendResponse(new SendingApi.NotificationView(id, request.title().strip(),
                request.message().strip(), request.imageUrl(), request.typeOrDefault(), request.targetType(), "sent",
                sender, now, now, count), count);
    }

    private static List<UUID> distinct(List<UUID> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new SendingProblems.InvalidTarget("targetType 'user' needs a non-empty userIds list.");
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }
}
