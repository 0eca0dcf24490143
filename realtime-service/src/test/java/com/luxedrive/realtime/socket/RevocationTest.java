package com.luxedrive.realtime.socket;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.EventJson;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.messaging.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationTest {

    @Test
    void aLogoutAndADeactivationRevokeTheUsersTokensIssuedBeforeThemAndOtherUserEventsNothing() {
        UUID user = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-28T08:59:55.250Z");

        assertThat(Revocation.of(envelope(new UserLoggedOut(user, at))))
                .contains(new Revocation(user, at, SocketError.LOGGED_OUT));
        assertThat(Revocation.of(envelope(new UserDeactivated(user, at))))
                .contains(new Revocation(user, at, SocketError.ACCOUNT_DEACTIVATED));
        assertThat(Revocation.of(new EventEnvelope(UUID.randomUUID(), "com.luxedrive.user.updated.v1",
                user.toString(), "{}".getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    private static EventEnvelope envelope(DomainEvent event) {
        return new EventEnvelope(UUID.randomUUID(), EventCatalog.typeOf(event.getClass()), event.key(),
                EventJson.write(event));
    }
}
