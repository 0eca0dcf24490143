package com.luxedrive.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waiting for something the benchmark started to be there, asked again on a timer until a deadline. */
final class Poll {

    private static final long INTERVAL_MILLIS = 100;

    private Poll() {
    }

    /** The first non-null answer of {@code attempt}; fails after {@code timeout}. */
    static <T> T until(Supplier<T> attempt, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            T answer = attempt.get();
            if (answer != null) {
                return answer;
            }
            CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(INTERVAL_MILLIS, TimeUnit.MILLISECONDS)).join();
        }
        throw new IllegalStateException(what + " not there after " + timeout);
    }

    /** Waits until something listens on {@code port} on loopback. */
    static void listening(int port, Duration timeout, String what) {
        until(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return Boolean.TRUE;
            } catch (IOException notYet) {
                return null;
            }
        }, timeout, what);
    }
}
