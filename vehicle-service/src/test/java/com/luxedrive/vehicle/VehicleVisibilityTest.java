package com.luxedrive.vehicle;

import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class VehicleVisibilityTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aClientListsOnlyTheirOwnVehicles() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID mine = vehicleOf(owner);
        vehicleOf(UUID.randomUUID());

        mvc.perform(get("/api/vehicles").header("Authorization", "Bearer " + TestTokens.client(owner)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].id").value(mine.toString()))
                .andExpect(jsonPath("$.content[*].userId", everyItem(is(owner.toString()))));
    }

    @Test
    void anotherClientsVehicleIsNotFound() throws Exception {
        UUID theirs = vehicleOf(UUID.randomUUID());

        mvc.perform(get("/api/vehicles/{id}", theirs)
                        .header("Authorization", "Bearer " + TestTokens.client(UUID.randomUUID())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/not-found"));
    }

    @Test
    void staffSeeEveryVehicle() throws Exception {
        UUID first = vehicleOf(UUID.randomUUID());
        UUID second = vehicleOf(UUID.randomUUID());

        mvc.perform(get("/api/vehicles?size=100").header("Authorization", "Bearer " + TestTokens.support(UUID.randomUUID())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].id", hasItems(first.toString(), second.toString())));
        mvc.perform(get("/api/vehicles/{id}", first).header("Authorization", "Bearer " + TestTokens.admin(UUID.randomUUID())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.make").value("Bentley"));
    }

    @Test
    void malformedInputIsABadRequestAndNoTokenIsUnauthorized() throws Exception {
        String token = "Bearer " + TestTokens.client(UUID.randomUUID());
        mvc.perform(get("/api/vehicles/not-a-uuid").header("Authorization", token)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/vehicles?size=100000").header("Authorization", token)).andExpect(status().isBadRequest());
        mvc.perform(get("/api/vehicles")).andExpect(status().isUnauthorized());
    }


    @Test
    void theOpenApiDocumentIsServedAndListsThePublicPaths() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.openapi").exists())
                .andExpect(jsonPath("$.paths['/api/vehicles']").exists());
    }

    private UUID vehicleOf(UUID owner) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        INSERT INTO vehicles (id, owner_id, vin, license_plate, make, model, year, status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, 'Bentley', 'Continental GT', 2024, 'active', ?, ?)""")
                .params(id, owner, id.toString().replace("-", "").substring(0, 17).toUpperCase(),
                        "LX-" + id.toString().substring(0, 8), now, now)
                .update();
        return id;
    }
}
