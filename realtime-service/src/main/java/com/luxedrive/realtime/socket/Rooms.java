package com.luxedrive.realtime.socket;

import java.util.UUID;

/** Room names: one per user (all of that user's sockets), one for every client, one for staff. */
public final class Rooms {

    public static final String CLIENTS = "clients";
    public static final String STAFF = "staff";

    private Rooms() {
    }

    public static String user(UUID userId) {
        return "user:" + userId;
    }
}
