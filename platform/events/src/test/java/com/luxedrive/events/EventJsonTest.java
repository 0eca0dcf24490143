package com.luxedrive.events;

import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.events.users.UserRegistered;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An event is read whole or not at all: a required member missing is the record's fault, not the consumer's. */
class EventJsonTest {

    private static final String USER = "\"userId\":\"5f0c6d4e-3d1b-4c4e-9a53-0d6a3bb7f9a1\"";

    @Test
    void anEventWithoutARequiredMemberIsIncomplete() {
        assertThatThrownBy(() -> read("{" + USER + ",\"fullName\":\"A B\",\"userType\":\"client\",\"role\":\"client\","
                + "\"active\":true}", UserRegistered.class))
                .isInstanceOf(EventJson.IncompleteEventException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UserRegistered.registeredAt is missing");
        assertThatThrownBy(() -> read("{" + USER + ",\"fullName\":null,\"userType\":\"client\",\"role\":\"client\","
                + "\"active\":true,\"registeredAt\":\"2026-11-29T10:00:00Z\"}", UserRegistered.class))
                .hasMessage("UserRegistered.fullName is missing");
    }

    @Test
    void aMemberThatMayBeAbsentMayBeLeftOutAndANestedRecordIsCheckedToo() {
        String dispatched = "{\"notificationId\":\"0b9d7f3e-8f7a-4f57-9d0c-58e8b1f0a6f2\",\"title\":\"T\","
                + "\"message\":\"M\",\"type\":\"info\",\"vehicleIds\":[],\"sentAt\":\"2026-11-29T10:00:00Z\","
                + "\"audience\":";

        NotificationDispatched read = read(dispatched + "{\"all\":true,\"userIds\":[]}}", NotificationDispatched.class);

        assertThat(read.imageUrl()).isNull();
        assertThat(read.vehicleIdsFor(null)).isEmpty();
        assertThatThrownBy(() -> read(dispatched + "{\"all\":false}}", NotificationDispatched.class))
                .hasMessage("NotificationDispatched.audience.userIds is missing");
    }

    private static <T extends DomainEvent> T read(String json, Class<T> type) {
        return EventJson.read(json.getBytes(StandardCharsets.UTF_8), type);
    }
}
