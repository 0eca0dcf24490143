package com.luxedrive.auth;

import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(properties = {
        "luxe.bootstrap.admin.email=root@luxe.test",
        "luxe.bootstrap.admin.password=bootstrap password 1"})
@AutoConfigureMockMvc
@RealInfrastructure
class BootstrapAdminTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theBootstrapAdminCanLogInAsStaff() throws Exception {
        mvc.perform(post("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"root@luxe.test\",\"password\":\"bootstrap password 1\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user.role").value("admin"))
                .andExpect(jsonPath("$.user.userType").value("admin"));
    }
}
