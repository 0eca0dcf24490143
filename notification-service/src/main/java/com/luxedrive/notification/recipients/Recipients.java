package com.luxedrive.notification.recipients;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Fixes a notification's recipients by writing its history rows, set-based (one {@code INSERT … SELECT}), straight
 * from this service's projections: active accounts, vehicle owners, and each client's muted types.
 */
@Component
public class Recipients {

    /** Types a recipient cannot mute. */
    public static final List<String> MANDATORY_TYPES = List.of("alert", "document", "maintenance");
    /**
     * The vehicles one recipient of a send to vehicles is shown at most, live and in a replay (a fleet's owner may
     * own thousands); their history row keeps them all.
     */
    public static final int VEHICLES_SHOWN = 2_500;

    private static final String NOT_MUTED = """
             AND NOT EXISTS (SELECT 1 FROM notification_preferences p
                             WHERE p.user_id = r.user_id AND CAST(:type AS text) = ANY (p.muted_types))""";

    private final JdbcClient jdbc;

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes a history row for each active client who has not muted {@code type}; says how many, and whether some
     * active client was left out for muting it (one statement, so one snapshot decides both).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public AllClients addAllActiveClients(UUID notificationId, String type, Instant sentAt) {
        return jdbc.sql("""
                        WITH clients AS (
                            SELECT r.user_id, EXISTS (SELECT 1 FROM notification_preferences p
                                                      WHERE p.user_id = r.user_id
                                                        AND CAST(:type AS text) = ANY (p.muted_types)) AS muted
                            FROM recipient_users r WHERE r.active AND r.user_type = 'client'),
                        written AS (
                            INSERT INTO notification_history (notification_id, user_id, status, sent_at)
                            SELECT :id, user_id, 'sent', :at FROM clients WHERE NOT muted ORDER BY user_id
                            RETURNING 1)
                        SELECT (SELECT count(*) FROM written) AS written,
                               EXISTS (SELECT 1 FROM clients WHERE muted) AS some_muted""")
                .param("id", notificationId).param("at", Timestamp.from(sentAt)).param("type", type)
                .query((rs, n) -> new AllClients(rs.getInt("written"), rs.getBoolean("some_muted")))
                .single();
    }

    /** The users {@code notificationId} has history rows for (those its sending transaction wrote included). */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<UUID> writtenFor(UUID notificationId) {
        return jdbc.sql("SELECT user_id FROM notification_history WHERE notification_id = ? ORDER BY user_id")
                .param(notificationId).query(UUID.class).list();
    }

    /** What a send to every client wrote. */
    public record AllClients(int written, boolean someMuted) {
    }

    /**
     * Writes a history row for each listed active user who has not muted {@code type}, and names the listed users
     * the projection does not know as active. One statement, so one snapshot: a user the projection learns of while
     * the send runs is either written or named unknown, never silently left out.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Listed addUsers(UUID notificationId, Collection<UUID> userIds, String type, Instant sentAt) {
        Map<Boolean, List<UUID>> writtenOrNot = jdbc.sql("""
                        WITH requested AS (SELECT DISTINCT unnest(CAST(:users AS uuid[])) AS user_id),
                        written AS (
                            INSERT INTO notification_history (notification_id, user_id, status, sent_at)
                            SELECT :id, r.user_id, 'sent', :at FROM recipient_users r
                            WHERE r.active AND r.user_id IN (SELECT user_id FROM requested)""" + NOT_MUTED + """

                            RETURNING user_id)
                        SELECT q.user_id, w.user_id IS NOT NULL AS written
                        FROM requested q LEFT JOIN written w ON w.user_id = q.user_id
                        WHERE w.user_id IS NOT NULL
                           OR NOT EXISTS (SELECT 1 FROM recipient_users r WHERE r.user_id = q.user_id AND r.active)""")
                .param("id", notificationId).param("at", Timestamp.from(sentAt)).param("type", type)
                .param("users", userIds.toArray(UUID[]::new))
                .query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), rs.getBoolean(2)))
                .list().stream()
                .collect(Collectors.partitioningBy(Map.Entry::getValue,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        return new Listed(writtenOrNot.get(true), writtenOrNot.get(false));
    }

    /** What became of a list of users: those written as recipients, and those not known as active accounts. */
    public record Listed(List<UUID> written, List<UUID> unknown) {
    }

    /**
     * Each active client owning a listed vehicle becomes a recipient (once), unless muted, and their row names the
     * listed vehicles that are theirs: what they are shown, on a socket and in a replay, never another owner's.
     *
     * @return the users written, each with their own listed vehicles (sorted), in user order
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SortedMap<UUID, List<UUID>> addVehicleOwners(UUID notificationId, Collection<UUID> vehicleIds, String type,
                                                        Instant sentAt) {
        SortedMap<UUID, List<UUID>> written = new TreeMap<>();
        jdbc.sql("""
                        INSERT INTO notification_history (notification_id, user_id, status, sent_at, vehicle_ids)
                        SELECT :id, r.user_id, 'sent', :at, owned.vehicles
                        FROM recipient_users r
                        JOIN (SELECT v.owner_id, array_agg(v.vehicle_id ORDER BY v.vehicle_id) AS vehicles
                              FROM vehicle_owners v
                              WHERE v.vehicle_id = ANY (:vehicles) AND NOT v.removed
                              GROUP BY v.owner_id) owned ON owned.owner_id = r.user_id
                        WHERE r.active AND r.user_type = 'client'"""
                        + NOT_MUTED + " RETURNING user_id, vehicle_ids")
                .param("id", notificationId).param("at", Timestamp.from(sentAt)).param("type", type)
                .param("vehicles", vehicleIds.toArray(UUID[]::new))
                .query((rs, row) -> Map.entry(rs.getObject(1, UUID.class), List.of((UUID[]) rs.getArray(2).getArray())))
                .list()
                .forEach(owner -> written.put(owner.getKey(), owner.getValue()));
        return written;
    }

    /** The listed ids the projection does not know as active users. */
    @Transactional(readOnly = true)
    public List<UUID> unknownUsers(Collection<UUID> userIds) {
        return jdbc.sql("""
                        SELECT id FROM unnest(?::uuid[]) AS requested(id)
                        WHERE NOT EXISTS (SELECT 1 FROM recipient_users r WHERE r.user_id = requested.id AND r.active)""")
                .param(userIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    /** The listed ids the projection does not know as existing vehicles. */
    @Transactional(readOnly = true)
    public List<UUID> unknownVehicles(Collection<UUID> vehicleIds) {
        return jdbc.sql("""
                        SELECT id FROM unnest(?::uuid[]) AS requested(id)
                        WHERE NOT EXISTS (SELECT 1 FROM vehicle_owners v WHERE v.vehicle_id = requested.id
                                          AND NOT v.removed)""")
                .param(vehicleIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }
}
