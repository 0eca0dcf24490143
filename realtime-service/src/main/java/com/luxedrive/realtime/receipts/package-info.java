/** Turns a socket's acknowledge and read into receipt events for notification-service. */
package com.luxedrive.realtime.receipts;
