package com.luxedrive.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.security.Security;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        // a successful DNS lookup is kept 5 s rather than the JVM's 30: a realtime pod that is no longer ready leaves
        // the gateway's instance list that much sooner (balancing.DnsServiceInstances); set before the first lookup,
        // and an operator's own setting (java.security, or -Dsun.net.inetaddr.ttl) wins
        if (Security.getProperty("networkaddress.cache.ttl") == null
                && System.getProperty("sun.net.inetaddr.ttl") == null) {
            Security.setProperty("networkaddress.cache.ttl", "5");
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
