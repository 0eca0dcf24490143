/** A recipient's own notifications: listing, unread count, marking read, and the receipts sockets send back. */
package com.luxedrive.notification.inbox;
