/** Small helpers shared by this service's packages; no business logic. */
package com.luxedrive.notification.support;
