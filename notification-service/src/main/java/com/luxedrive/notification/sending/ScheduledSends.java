package com.luxedrive.notification.sending;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Fires scheduled notifications whose time has come. Every replica polls; {@code FOR UPDATE SKIP LOCKED} hands each
 * due notification to exactly one of them, and the status change commits with the dispatch, so a notification fires
 * once. One that came due while every replica was down fires at the first poll after one returns.
 */
@Component
class ScheduledSends {

    private static final Logger log = LoggerFactory.getLogger(ScheduledSends.class);
    private static final int BATCH = 20;

    private final NotificationStore store;
    private final Dispatcher dispatcher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ScheduledSends(NotificationStore store, Dispatcher dispatcher, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${luxe.notifications.schedule-check-every:5s}")
    void poll() {
        fireDue();
    }

    /** @return how many notifications this call sent */
    int fireDue() {
        int fired = 0;
        for (int batch = fireBatch(); batch > 0; batch = fireBatch()) {
            fired += batch;
        }
        return fired;
    }

    private int fireBatch() {
        Integer fired = transactions.execute(status -> {
            Instant now = clock.instant();
            List<SendingApi.NotificationView> due = store.lockDue(now, BATCH);
            for (SendingApi.NotificationView n : due) {
                fire(n, now);
            }
            return due.size();
        });
        return fired == null ? 0 : fired;
    }

    /** A schedule whose audience has meanwhile left (all deactivated, vehicles removed) is cancelled, not retried. */
    private void fire(SendingApi.NotificationView n, Instant now) {
        if (dispatcher.dispatch(n, now, true).isEmpty()) {
            log.warn("scheduled notification {} resolves to nobody at {}; cancelled", n.id(), now);
            store.update(new SendingApi.NotificationView(n.id(), n.title(), n.message(), n.imageUrl(), n.type(),
                    n.targetType(), n.vehicleIds(), n.userIds(), "cancelled", n.createdBy(), n.createdAt(), now,
                    n.scheduledAt(), null, now, 0));
        }
    }
}
