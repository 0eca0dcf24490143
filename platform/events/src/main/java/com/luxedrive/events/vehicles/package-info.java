/** Events of vehicle-service on {@code luxe.vehicles.v1}: vehicles, documents and update requests. */
package com.luxedrive.events.vehicles;
