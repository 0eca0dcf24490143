/** Refresh tokens: issued per login, rotated on every use, a reused one revokes its whole family. */
package com.luxedrive.auth.session;
