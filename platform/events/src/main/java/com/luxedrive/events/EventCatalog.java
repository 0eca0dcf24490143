package com.luxedrive.events;

import com.luxedrive.events.notifications.InboxChanged;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.events.receipts.NotificationReceiptRecorded;
import com.luxedrive.events.receipts.VehicleUpdateAnswerSubmitted;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserLoggedOut;
import com.luxedrive.events.users.UserRegistered;
import com.luxedrive.events.users.UserUpdated;
import com.luxedrive.events.vehicles.DocumentApproved;
import com.luxedrive.events.vehicles.DocumentExpiringSoon;
import com.luxedrive.events.vehicles.DocumentRejected;
import com.luxedrive.events.vehicles.DocumentUploaded;
import com.luxedrive.events.vehicles.VehicleOwnerChanged;
import com.luxedrive.events.vehicles.VehicleRegistered;
import com.luxedrive.events.vehicles.VehicleRemoved;
import com.luxedrive.events.vehicles.VehicleUpdateAnswered;
import com.luxedrive.events.vehicles.VehicleUpdateCancelled;
import com.luxedrive.events.vehicles.VehicleUpdateCompleted;
import com.luxedrive.events.vehicles.VehicleUpdateRequested;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The list of every event the platform publishes; consumers look payload classes up by {@code ce_type}. */
public final class EventCatalog {

    private static final List<Class<? extends DomainEvent>> EVENTS = List.of(
            UserRegistered.class,
            UserUpdated.class,
            UserDeactivated.class,
            UserLoggedOut.class,
            VehicleRegistered.class,
            VehicleOwnerChanged.class,
            VehicleRemoved.class,
            DocumentUploaded.class,
            DocumentApproved.class,
            DocumentRejected.class,
            DocumentExpiringSoon.class,
            VehicleUpdateRequested.class,
            VehicleUpdateAnswered.class,
            VehicleUpdateCompleted.class,
            VehicleUpdateCancelled.class,
            NotificationDispatched.class,
            InboxChanged.class,
            NotificationReceiptRecorded.class,
            VehicleUpdateAnswerSubmitted.class);

    private static final Map<String, Class<? extends DomainEvent>> BY_TYPE = EVENTS.stream()
            .collect(Collectors.toUnmodifiableMap(EventCatalog::typeOf, Function.identity()));

    private EventCatalog() {
    }

    public static List<Class<? extends DomainEvent>> all() {
        return EVENTS;
    }

    public static String typeOf(Class<? extends DomainEvent> event) {
        return annotation(event).value();
    }

    public static String topicOf(Class<? extends DomainEvent> event) {
        return annotation(event).topic();
    }

    public static Optional<Class<? extends DomainEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    private static EventType annotation(Class<? extends DomainEvent> event) {
        EventType type = event.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(event.getName() + " lacks @EventType");
        }
        return type;
    }
}
