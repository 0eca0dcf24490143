package com.luxedrive.auth.password;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the deliberately slow hashing on a pool as wide as the machine, with a bounded queue: a login flood waits its
 * turn here instead of taking every request thread and CPU, and beyond the queue it is told to come back (503).
 */
@Component
public class PasswordHashing implements AutoCloseable {

    private final PasswordEncoder encoder;
    private final ThreadPoolExecutor pool;

    PasswordHashing(PasswordEncoder encoder, PasswordProperties properties) {
        this.encoder = encoder;
        int threads = properties.hashingThreads() > 0 ? properties.hashingThreads()
                : Runtime.getRuntime().availableProcessors();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.hashingQueue()), runnable -> {
            Thread thread = new Thread(runnable, "password-hashing");
            thread.setDaemon(true);
            return thread;
        });
    }

    public boolean matches(String raw, String hash) {
        return run(() -> encoder.matches(raw, hash));
    }

    public String encode(String raw) {
        return run(() -> encoder.encode(raw));
    }

    public boolean upgradeEncoding(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    private <T> T run(Callable<T> work) {
        Future<T> result;
        try {
            result = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new Busy();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }

    /** The queue is full: come back in a moment. */
    static final class Busy extends ApiException {
        Busy() {
            super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.of("busy"), "Too many logins at once; retry shortly.");
        }

        @Override
        public java.util.Map<String, String> headers() {
            return java.util.Map.of("Retry-After", "1");
        }
    }
}
