/** The Socket.IO server: its lifecycle, who a socket is (authentication) and the rooms it joins. */
package com.luxedrive.realtime.socket;
