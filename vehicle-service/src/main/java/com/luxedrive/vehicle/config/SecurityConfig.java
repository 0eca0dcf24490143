package com.luxedrive.vehicle.config;

import com.luxedrive.security.LuxeHttpSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Routes open to clients still scope every object to its owner in the service layer
 * (anyone else's vehicle, document or request is "not found").
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final String[] STAFF = {"ADMIN", "SUPPORT"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, LuxeHttpSecurity luxe) throws Exception {
        return luxe.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/vehicles/{id}/transfer").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/vehicles", "/api/vehicles/{id}/updates").hasAnyRole(STAFF)
                        .requestMatchers(HttpMethod.PATCH, "/api/vehicles/{id}", "/api/vehicle-updates/{id}").hasAnyRole(STAFF)
                        // removing a vehicle destroys its documents and their content for good: admins only, as the
                        // contract says (support staff manage vehicles otherwise)
                        .requestMatchers(HttpMethod.DELETE, "/api/vehicles/{id}").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/documents/{id}/approve", "/api/documents/{id}/reject")
                        .hasAnyRole(STAFF)
                        .requestMatchers(HttpMethod.POST, "/api/vehicle-updates/{id}/response").hasRole("CLIENT")
                        .anyRequest().authenticated())
                .build();
    }
}
