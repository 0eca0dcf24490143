package com.luxedrive.realtime.socket;

/** The Socket.IO event names of the public contract (the seed's names). */
public final class SocketEvents {

    public static final String LOGIN = "user:login";
    public static final String LOGIN_SUCCESS = "user:login-success";
    public static final String NOTIFICATION_RECEIVED = "notification:received";
    public static final String NOTIFICATION_ACKNOWLEDGE = "notification:acknowledge";
    public static final String NOTIFICATION_READ = "notification:read";
    public static final String NOTIFICATION_ACKNOWLEDGED = "notification:acknowledged";
    public static final String NOTIFICATION_SEND = "notification:send";
    public static final String NOTIFICATION_SENT = "notification:sent";
    public static final String VEHICLE_LIST = "vehicle:list";
    public static final String VEHICLE_UPDATE_REQUEST = "vehicle:update-request";
    public static final String VEHICLE_UPDATE_RESPONSE = "vehicle:update-response";
    public static final String VEHICLE_UPDATE_STATUS = "vehicle:update-status";
    public static final String DOCUMENT_REVIEWED = "document:reviewed";
    public static final String PING = "ping";
    public static final String PONG = "pong";
    public static final String ERROR = "error";

    private SocketEvents() {
    }
}
