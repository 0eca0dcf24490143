package com.luxedrive.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an event record: its CloudEvents {@code ce_type} and the topic it travels on.
 * The {@link EventCatalog} is built from these, so the type, the topic and the payload cannot disagree.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** CloudEvents type, e.g. {@code com.luxedrive.user.registered.v1}. */
    String value();

    /** The topic, one of {@link Topics}. */
    String topic();
}
