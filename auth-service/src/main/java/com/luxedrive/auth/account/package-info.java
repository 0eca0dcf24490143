/** Accounts of clients and staff: registration, login, the current user, and the first admin. */
package com.luxedrive.auth.account;
