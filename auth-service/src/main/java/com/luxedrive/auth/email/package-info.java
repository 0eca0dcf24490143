/** Email addresses as shown and as compared. */
package com.luxedrive.auth.email;
