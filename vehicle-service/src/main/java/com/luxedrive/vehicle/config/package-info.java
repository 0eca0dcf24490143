/** HTTP security of vehicle-service. */
package com.luxedrive.vehicle.config;
