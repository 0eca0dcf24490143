package com.luxedrive.security;

/** Claim names of the platform's access tokens, as the seed's frontends read them. */
public final class LuxeClaims {

    public static final String ID = "id";
    public static final String EMAIL = "email";
    public static final String FULL_NAME = "fullName";
    public static final String ROLE = "role";
    public static final String USER_TYPE = "userType";
    /** The only signature algorithm accepted. */
    public static final String ALGORITHM = "RS256";

    private LuxeClaims() {
    }
}
