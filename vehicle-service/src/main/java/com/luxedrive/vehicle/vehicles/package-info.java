/** Vehicles and who may see them: an owner sees theirs, staff see all. */
package com.luxedrive.vehicle.vehicles;
