/** Socket.IO through the gateway: sessions kept on the realtime instance that holds them. */
package com.luxedrive.gateway.sockets;
