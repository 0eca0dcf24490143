/** Verification of the platform's access tokens, shared by every service and the gateway. Signing lives in auth-service. */
package com.luxedrive.security;
