/** How every servlet service answers errors: RFC 9457 problem details with stable type URIs and listed field errors. */
package com.luxedrive.web;
