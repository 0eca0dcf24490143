/** Documents of a vehicle: content sniffed and stored in PostgreSQL, reviewed by staff, announced when expiring. */
package com.luxedrive.vehicle.documents;
