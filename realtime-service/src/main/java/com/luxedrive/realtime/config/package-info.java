/** HTTP security of realtime-service: its HTTP port serves only health probes; sockets authenticate themselves. */
package com.luxedrive.realtime.config;
