package com.luxedrive.web;

import org.springframework.http.HttpStatus;

import java.net.URI;

/**
 * A refusal the client can act on, with its status and problem type. Services throw their own subclasses
 * (e.g. {@code EmailAlreadyRegistered}); the message becomes the problem's {@code detail}, so it must be safe to show.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final URI type;

    protected ApiException(HttpStatus status, URI type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    /** The object does not exist, or is not the caller's to see: the two look the same. */
    public static class NotFound extends ApiException {
        public NotFound(String what) {
            super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, what + " not found");
        }
    }
}
