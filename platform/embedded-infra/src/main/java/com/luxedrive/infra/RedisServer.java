package com.luxedrive.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real redis-server (6.2, shipped inside the embedded-redis jar) on loopback. */
public final class RedisServer implements AutoCloseable {

    private final redis.embedded.RedisServer server;
    private final int port;

    private RedisServer(redis.embedded.RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** @param dataDirectory where Redis keeps its snapshot; {@code null} for none */
    public static RedisServer start(Path dataDirectory, int port) {
        int chosen = FreePorts.orFree(port);
        try {
            var builder = redis.embedded.RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("maxmemory 256mb")
                    .setting("maxmemory-policy allkeys-lru")
                    .onShutdownForceStop(true);
            if (dataDirectory == null) {
                builder.setting("save \"\"").setting("appendonly no");
            } else {
                Files.createDirectories(dataDirectory);
                builder.setting("dir " + dataDirectory.toAbsolutePath());
            }
            redis.embedded.RedisServer server = builder.build();
            server.start();
            return new RedisServer(server, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + chosen, e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
