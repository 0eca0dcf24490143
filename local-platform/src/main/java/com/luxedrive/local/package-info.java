/** The whole platform on one machine with only a JDK: embedded infrastructure, then the services as processes. */
package com.luxedrive.local;
