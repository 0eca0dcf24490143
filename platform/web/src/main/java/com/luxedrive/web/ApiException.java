package com.luxedrive.web;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

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

    /** Extra members of the problem, e.g. {@code errors} listing field errors. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** Response headers the refusal needs, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** Too many attempts: try again after {@code retryAfter}. */
    public static class TooManyRequests extends ApiException {

        private final Duration retryAfter;

        public TooManyRequests(URI type, String detail, Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, type, detail);
            this.retryAfter = retryAfter;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        }
    }

    /** One field of the request is wrong in a way only the service can tell (a 400 like Bean Validation's). */
    public static class InvalidField extends ApiException {

        private final String field;
        private final String problem;

        /**
         * @param field   the field as the client named it, e.g. {@code userId}
         * @param problem what is wrong with it, e.g. {@code must be an active client}
         * @param detail  the problem's {@code detail}
         */
        public InvalidField(String field, String problem, String detail) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, detail);
            this.field = field;
            this.problem = problem;
        }

        public InvalidField(String field, String problem) {
            this(field, problem, "The request has invalid fields.");
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", java.util.List.of(ProblemDetailsAdvice.fieldError(field, problem)));
        }
    }

    /** The object does not exist, or is not the caller's to see: the two look the same. */
    public static class NotFound extends ApiException {
        public NotFound(String what) {
            super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, what + " not found");
        }
    }
}
