/** Early rejection at the edge: bad or missing tokens never reach a service (which still verifies for itself). */
package com.luxedrive.gateway.edge;
