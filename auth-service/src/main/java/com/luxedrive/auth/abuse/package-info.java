/** Slowing down attackers: per-account lockout with back-off after failed logins, per-IP throttling of the open endpoints. */
package com.luxedrive.auth.abuse;
