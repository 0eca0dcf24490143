package com.luxedrive.notification.sending;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Fires scheduled notifications whose time has come. Every replica polls; {@code FOR UPDATE SKIP LOCKED} hands each
 * due notification to exactly one of them, and the status change commits with the dispatch, so a notification fires
 * once. One that came due while every replica was down fires at the first poll after one returns.
 */
@Component
class ScheduledSends {

    private static final Logger log = LoggerFactory.getLogger(ScheduledSends.class);

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

    /**
     * Each due notification in a transaction of its own: one that fails (a time-out on a send to a hundred thousand,
     * say) is rolled back alone, logged, tried again at the next poll, and does not hold back the others — in one
     * transaction for many, it rolled them all back, and being the earliest due it headed every batch after.
     *
     * @return how many notifications this call sent
     */
    int fireDue() {
        int fired = 0;
        Set<UUID> failed = new HashSet<>();
        while (true) {
            UUID[] current = new UUID[1];
            try {
                Boolean one = transactions.execute(status -> {
                    Instant now = clock.instant();
                    List<SendingApi.NotificationView> due = store.lockDue(now, 1, failed);
                    if (due.isEmpty()) {
                        return false;
                    }
                    current[0] = due.get(0).id();
                    fire(due.get(0), now);
                    return true;
                });
                if (!Boolean.TRUE.equals(one)) {
                    return fired;
                }
                fired++;
            } catch (RuntimeException e) {
                if (current[0] == null) {
                    log.warn("scheduled sends not checked: {}", e.toString());
                    return fired;
                }
                failed.add(current[0]);
                log.error("scheduled notification {} failed to go out; tried again at the next poll", current[0], e);
            }
        }
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
