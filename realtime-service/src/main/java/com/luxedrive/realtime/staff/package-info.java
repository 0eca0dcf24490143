/** Staff actions taken over the socket, forwarded to the service that owns them with the caller's token. */
package com.luxedrive.realtime.staff;
