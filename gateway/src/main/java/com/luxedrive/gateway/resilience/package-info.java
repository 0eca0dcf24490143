/** What clients get when a service is down or slow: a quick, clear 503 (or 504) instead of a hang. */
package com.luxedrive.gateway.resilience;
