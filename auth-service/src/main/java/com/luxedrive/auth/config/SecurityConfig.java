package com.luxedrive.auth.config;

import com.luxedrive.auth.account.CurrentStaffAccount;
import com.luxedrive.security.LuxeHttpSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** Open to anyone, and a (possibly expired) bearer token sent along is ignored there. */
    private static final RequestMatcher PUBLIC = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/auth/register"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/auth/login"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/auth/refresh"),
            // the controller reads the access token itself: one that has expired still lets the refresh token end
            // the session
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/auth/logout"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/auth/.well-known/jwks.json"));

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, LuxeHttpSecurity luxe, CurrentStaffAccount current)
            throws Exception {
        // the role in the token, and the account behind it still active and not signed out since
        return luxe.apply(http, PUBLIC)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/api/auth/admin/**").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasAnyRole("ADMIN", "SUPPORT"), current))
                        .requestMatchers("/api/auth/admin/**").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasRole("ADMIN"), current))
                        .anyRequest().authenticated())
                .build();
    }
}
