/** Maintenance, repair, inspection and recall requests that staff create and vehicle owners answer. */
package com.luxedrive.vehicle.updates;
