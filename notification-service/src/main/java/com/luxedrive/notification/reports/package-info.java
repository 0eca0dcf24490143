/** Staff reports: the notifications sent, their per-recipient delivery, and analytics over a period. */
package com.luxedrive.notification.reports;
