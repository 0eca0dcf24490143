/** Staff send notifications: validation, recipients fixed at send time, history rows and the dispatch event in one transaction. */
package com.luxedrive.notification.sending;
