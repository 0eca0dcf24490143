/** Request ids carried to every service and back, and the gateway's access log. */
package com.luxedrive.gateway.requests;
