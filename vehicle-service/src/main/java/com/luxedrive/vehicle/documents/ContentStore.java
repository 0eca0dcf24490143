package com.luxedrive.vehicle.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where document bytes live, so that any replica can serve them. The default, {@link PostgresLargeObjectStore},
 * keeps them in this service's database (ADR 0009); an S3-compatible store would implement the same two methods.
 * Writing runs inside the caller's transaction: content written by a transaction that rolls back is gone with it.
 * Reading runs outside any: the reader may be as slow as the client it streams to.
 */
interface ContentStore {

    /** Stores everything {@code content} yields; more than {@code maxBytes} stops with {@link TooLarge}. */
    StoredContent write(InputStream content, long maxBytes) throws IOException;

    /**
     * Streams the content stored under {@code ref} to what {@code out} opens, holding no database connection while
     * it takes what was read. {@code out} is opened once the first chunk was read: content already gone by then (its
     * document removed since its metadata was read) is {@link Gone}, before anything was answered; content removed
     * later ends the stream with an {@link IOException}.
     */
    void copy(String ref, Opener out) throws IOException;

    /** Opens the stream the content goes to (the response, its headers set). */
    @FunctionalInterface
    interface Opener {
        OutputStream open() throws IOException;
    }

    /** The content is not there (any more). */
    final class Gone extends IOException {
        Gone(String ref, Throwable cause) {
            super("no content under " + ref, cause);
        }
    }

    /** Where the bytes went, how many there were, and their SHA-256 (lower-case hex). */
    record StoredContent(String ref, long sizeBytes, String sha256) {
    }

    final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("content exceeds " + maxBytes + " bytes");
        }
    }
}
