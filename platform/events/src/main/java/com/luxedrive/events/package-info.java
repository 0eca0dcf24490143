/** Event contracts: the topics, the CloudEvents headers and the payload records every service agrees on. */
package com.luxedrive.events;
