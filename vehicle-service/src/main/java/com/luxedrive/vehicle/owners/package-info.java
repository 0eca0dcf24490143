/** This service's projection of the accounts that may own vehicles, fed by {@code luxe.users.v1}. */
package com.luxedrive.vehicle.owners;
