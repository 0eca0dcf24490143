/** Pushes dispatched notifications from Kafka to the addressed users' sockets on this instance. */
package com.luxedrive.realtime.delivery;
