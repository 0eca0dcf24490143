/**
 * Who receives what: projections of the accounts ({@code luxe.users.v1}) and of vehicle ownership
 * ({@code luxe.vehicles.v1}), each user's muted types, and the set-based writes that fix a notification's recipients.
 */
package com.luxedrive.notification.recipients;
