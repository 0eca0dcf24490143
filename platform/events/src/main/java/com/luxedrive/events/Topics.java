package com.luxedrive.events;

import java.util.List;

/** Every Kafka topic of the platform. The version suffix changes only with an incompatible payload. */
public final class Topics {

    /** User registered / updated / deactivated / logged out; key = user id. */
    public static final String USERS = "luxe.users.v1";
    /** Vehicle, document and vehicle-update lifecycle; key = vehicle id. */
    public static final String VEHICLES = "luxe.vehicles.v1";
    /** Notifications dispatched to their audience (key = notification id); inbox changes (key = user id). */
    public static final String NOTIFICATIONS = "luxe.notifications.v1";
    /** Delivered/read receipts and socket-originated answers; key = user id. */
    public static final String RECEIPTS = "luxe.receipts.v1";

    /** All of them. */
    public static final List<String> ALL = List.of(USERS, VEHICLES, NOTIFICATIONS, RECEIPTS);

    private Topics() {
    }
}
