/** Vehicle update requests and document reviews pushed live, and owners' socket answers relayed to vehicle-service. */
package com.luxedrive.realtime.vehicles;
