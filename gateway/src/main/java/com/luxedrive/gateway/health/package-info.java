/** {@code GET /health}: the platform as the gateway sees it, service by service. */
package com.luxedrive.gateway.health;
