package com.luxedrive.messaging;

import java.util.function.Supplier;

/**
 * The W3C {@code traceparent} of the trace the caller is in, or {@code null} outside any trace. The outbox keeps it
 * with the event and the relay sends it as the record's {@code traceparent} header (as the CloudEvents distributed
 * tracing extension does), so a consumer's span continues the trace of the request that caused the event, however
 * late the relay publishes it.
 */
@FunctionalInterface
public interface TraceParent extends Supplier<String> {

    TraceParent NONE = () -> null;

    String HEADER = "traceparent";
}
