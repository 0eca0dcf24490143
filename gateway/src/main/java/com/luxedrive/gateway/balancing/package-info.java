/**
 * Which instance of a service gets a request: Socket.IO sessions kept on the realtime instance that holds them, and
 * instances that refuse connections left aside for a while.
 */
package com.luxedrive.gateway.balancing;
