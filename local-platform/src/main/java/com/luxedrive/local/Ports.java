package com.luxedrive.local;

import com.luxedrive.infra.FreePorts;

import java.util.Map;

/** Every port the local platform uses; each defaults to DESIGN.md's and can be overridden by the environment. */
public record Ports(int gateway, int gatewayManagement, int auth, int vehicle, int notification, int realtime,
                    int realtimeManagement, int postgres, int kafka, int redis) {

    public static Ports fromEnvironment(Map<String, String> env) {
        return new Ports(
                port(env, "GATEWAY_PORT", 8080),
                port(env, "GATEWAY_MANAGEMENT_PORT", 8090),
                port(env, "AUTH_SERVICE_PORT", 8081),
                port(env, "VEHICLE_SERVICE_PORT", 8082),
                port(env, "NOTIFICATION_SERVICE_PORT", 8083),
                port(env, "REALTIME_SERVICE_PORT", 8084),
                port(env, "REALTIME_SERVICE_MANAGEMENT_PORT", 8094),
                port(env, "LUXE_POSTGRES_PORT", 15432),
                port(env, "LUXE_KAFKA_PORT", 19092),
                port(env, "LUXE_REDIS_PORT", 16379));
    }

    /** Free ports for everything: for tests, or several platforms side by side. */
    public static Ports free() {
        return new Ports(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick());
    }

    /** Another instance of each service beside these: free ports of its own, the same infrastructure. */
    Ports anotherInstance() {
        return new Ports(FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), FreePorts.pick(),
                FreePorts.pick(), FreePorts.pick(), postgres, kafka, redis);
    }

    Map<String, Integer> byName() {
        return Map.of("GATEWAY_PORT", gateway, "GATEWAY_MANAGEMENT_PORT", gatewayManagement,
                "AUTH_SERVICE_PORT", auth, "VEHICLE_SERVICE_PORT", vehicle,
                "NOTIFICATION_SERVICE_PORT", notification, "REALTIME_SERVICE_PORT", realtime,
                "REALTIME_SERVICE_MANAGEMENT_PORT", realtimeManagement, "LUXE_POSTGRES_PORT", postgres,
                "LUXE_KAFKA_PORT", kafka, "LUXE_REDIS_PORT", redis);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
