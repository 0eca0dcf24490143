/** Who can receive notifications: a projection of the accounts, fed by luxe.users.v1, and the lookups sending needs. */
package com.luxedrive.notification.recipients;
