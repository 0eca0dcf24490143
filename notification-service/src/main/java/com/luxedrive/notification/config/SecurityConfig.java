package com.luxedrive.notification.config;

import com.luxedrive.security.LuxeHttpSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The inbox and preferences belong to any signed-in user (scoped to them); everything else is for staff. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, LuxeHttpSecurity luxe) throws Exception {
        return luxe.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/notifications/my-notifications",
                                "/api/notifications/my-notifications/counts", "/api/notifications/unread-count",
                                "/api/notifications/undelivered",
                                "/api/notifications/preferences").authenticated()
                        .requestMatchers(HttpMethod.PUT, "/api/notifications/preferences").authenticated()
                        .requestMatchers(HttpMethod.PATCH, "/api/notifications/{id}/read",
                                "/api/notifications/{id}/unread", "/api/notifications/{id}/archive",
                                "/api/notifications/{id}/unarchive", "/api/notifications/read-all",
                                "/api/notifications/archive-read").authenticated()
                        .requestMatchers("/api/notifications/**", "/api/notifications").hasAnyRole("ADMIN", "SUPPORT")
                        .anyRequest().authenticated())
                .build();
    }
}
