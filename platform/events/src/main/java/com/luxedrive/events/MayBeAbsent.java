package com.luxedrive.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A member of an event that may be null or left out. Every other member of a reference type is required: an event
 * read without one is incomplete ({@link EventJson.IncompleteEventException}) and never reaches a handler, which
 * would otherwise fail on the null for ever and hold back its partition.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface MayBeAbsent {
}
