/** HTTP security of auth-service: which endpoints are public. */
package com.luxedrive.auth.config;
