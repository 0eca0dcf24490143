package com.luxedrive.realtime.config;

import com.luxedrive.security.LuxeHttpSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, LuxeHttpSecurity luxe) throws Exception {
        return luxe.apply(http)
                .authorizeHttpRequests(requests -> requests
                        .anyRequest().authenticated())
                .build();
    }
}
