/** The front door: routes are configuration (application.yml); this package holds what configuration cannot say. */
package com.luxedrive.gateway;
