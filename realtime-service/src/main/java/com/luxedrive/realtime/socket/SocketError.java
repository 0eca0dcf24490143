package com.luxedrive.realtime.socket;

/** The {@code error} event's body, and the {@code connect_error} data. */
public record SocketError(String message, String code) {

    public static final SocketError UNAUTHENTICATED = new SocketError("Authenticate first: auth.token or user:login.",
            "unauthenticated");
    public static final SocketError INVALID_TOKEN = new SocketError("The token is invalid or expired.", "invalid_token");

    public static final SocketError TOKEN_REVOKED = new SocketError(
            "This token was revoked by a logout or a deactivation; sign in again.", "token_revoked");

    public static final SocketError LOGGED_OUT = new SocketError("Your session has ended.", "logged_out");

    public static final SocketError ACCOUNT_DEACTIVATED = new SocketError("Your session has ended.",
            "account_deactivated");

    public static final SocketError TOKEN_EXPIRED = new SocketError(
            "Your session expired; reconnect with a fresh token.", "token_expired");

    public static final SocketError TOO_MANY_SOCKETS = new SocketError(
            "Too many open connections for this account; close one first.", "too_many_sockets");

    public static final SocketError SERVER_FULL = new SocketError(
            "This server is full; reconnect to be sent to another.", "server_full");

    public static SocketError badRequest(String message) {
        return new SocketError(message, "bad_request");
    }

    public static SocketError forbidden(String message) {
        return new SocketError(message, "forbidden");
    }

    public static SocketError unavailable(String message) {
        return new SocketError(message, "unavailable");
    }
}
