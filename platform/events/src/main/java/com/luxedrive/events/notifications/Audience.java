package com.luxedrive.events.notifications;

import java.util.List;
import java.util.UUID;

/** Who a dispatched notification is for: every client ({@code all}), or the listed users. */
public record Audience(boolean all, List<UUID> userIds) {

    public static Audience allClients() {
        return new Audience(true, List.of());
    }

    public static Audience users(List<UUID> userIds) {
        return new Audience(false, List.copyOf(userIds));
    }

    public boolean includes(UUID userId, boolean isClient) {
        return all ? isClient : userIds.contains(userId);
    }
}
