/** Rate limits shared by every gateway replica through Redis, failing open when Redis cannot answer. */
package com.luxedrive.gateway.ratelimit;
