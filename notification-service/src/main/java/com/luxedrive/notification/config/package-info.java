/** HTTP security of notification-service: who may send, who may read. */
package com.luxedrive.notification.config;
