/** The signing key, the access tokens it signs and the JWKS that lets every other service verify them. */
package com.luxedrive.auth.token;
