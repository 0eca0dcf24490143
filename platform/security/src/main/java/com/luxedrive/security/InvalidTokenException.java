package com.luxedrive.security;

/** The token is absent, malformed, forged, expired or not meant for this platform. The message is safe to log. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
