package com.luxedrive.notification.config;

import com.luxedrive.security.LuxeHttpSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, LuxeHttpSecurity luxe) throws Exception {
        return luxe.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/notifications").hasAnyRole("ADMIN", "SUPPORT")
                        .requestMatchers("/api/notifications/my-notifications", "/api/notifications/unread-count",
                                "/api/notifications/*/read", "/api/notifications/read-all").authenticated()
                        .requestMatchers("/api/notifications/**").hasAnyRole("ADMIN", "SUPPORT")
                        .anyRequest().authenticated())
                .build();
    }
}
