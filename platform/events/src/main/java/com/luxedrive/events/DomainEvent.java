package com.luxedrive.events;

/** A fact that happened in one service and that others may react to. Implemented by records only. */
public interface DomainEvent {

    /** The record key: the aggregate (or recipient) the event is about, so its events stay in order. */
    String key();
}
