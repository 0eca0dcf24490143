package com.luxedrive.auth;

import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = "luxe.auth.abuse.ip-requests-per-minute=5")
@AutoConfigureMockMvc
@RealInfrastructure
class IpThrottleTest {

    @Autowired
    MockMvc mvc;

    @Test
    void oneAddressGetsAFewCallsPerMinuteThenA429WithRetryAfter() throws Exception {
        for (int i = 0; i < 5; i++) {
            login("10.1.2.3").andExpect(status().isUnauthorized());
        }
        login("10.1.2.3").andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));

        login("10.9.9.9").andExpect(status().isUnauthorized());
    }

    private org.springframework.test.web.servlet.ResultActions login(String ip) throws Exception {
        return mvc.perform(post("/api/auth/login").with(request -> {
                    request.setRemoteAddr(ip);
                    return request;
                }).contentType(MediaType.APPLICATION_JSON)
                .content("{\"email\":\"" + AuthApi.uniqueEmail() + "\",\"password\":\"whatever at all\"}"));
    }
}
