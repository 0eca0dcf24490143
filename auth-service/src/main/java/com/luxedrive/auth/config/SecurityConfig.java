package com.luxedrive.auth.config;

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
                        .requestMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login",
                                "/api/auth/refresh").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/auth/.well-known/jwks.json").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/auth/admin/**").hasAnyRole("ADMIN", "SUPPORT")
                        .requestMatchers("/api/auth/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .build();
    }
}
