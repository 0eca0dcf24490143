package com.luxedrive.vehicle.documents;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Period;

/**
 * @param maxSize          the largest document accepted (answered with 413 beyond it)
 * @param expiryWarning    how long before its expiry date a document is announced as expiring soon
 * @param expiryCheckEvery how often one replica looks for documents to announce
 * @param maxPending       how many documents may wait for review on one vehicle (409 beyond): each upload is kept in
 *                         the database, and nothing else bounds what one client can store
 * @param rejectedKept     how long a rejected document (and its file) is kept after its review, then removed
 */
@ConfigurationProperties("luxe.documents")
record DocumentProperties(@DefaultValue("10MB") DataSize maxSize,
                          @DefaultValue("30d") Period expiryWarning,
                          @DefaultValue("1h") Duration expiryCheckEvery,
                          @DefaultValue("20") int maxPending,
                          @DefaultValue("90d") Duration rejectedKept) {
}
