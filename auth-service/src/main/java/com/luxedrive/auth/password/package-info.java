/** Password rules and hashing: the policy a new password must meet, and a bounded pool that does the hashing. */
package com.luxedrive.auth.password;
