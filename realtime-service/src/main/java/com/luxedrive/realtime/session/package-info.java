/** The session row of every authenticated socket (the seed's sessions table), and the login greeting. */
package com.luxedrive.realtime.session;
