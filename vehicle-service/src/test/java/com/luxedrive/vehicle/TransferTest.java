package com.luxedrive.vehicle;

import com.luxedrive.events.Topics;
import com.luxedrive.events.vehicles.VehicleUpdateCancelled;
import com.luxedrive.events.vehicles.VehicleUpdateCompleted;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.luxedrive.vehicle.Fixtures.bearer;
import static com.luxedrive.vehicle.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A vehicle changing hands: the previous owner's papers and open questions do not go with it. */
@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class TransferTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    UUID seller;
    UUID buyer;
    UUID vehicle;
    String admin;

    @BeforeEach
    void setUp() throws Exception {
        fixtures = new Fixtures(mvc, jdbc);
        seller = fixtures.client();
        buyer = fixtures.client();
        vehicle = fixtures.vehicleOf(seller);
        admin = bearer(TestTokens.admin(fixtures.staff));
    }

    @Test
    void theSellersDocumentsStayTheirsAndTheBuyerSeesOnlyTheirOwn() throws Exception {
        String sellers = body(upload(seller, "sellers-insurance.pdf").andExpect(status().isCreated())).path("id").asString();

        transfer();

        mvc.perform(get("/api/vehicles/{id}/documents", vehicle).header("Authorization", bearer(TestTokens.client(buyer))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        for (UUID client : new UUID[] {buyer, seller}) {
            mvc.perform(get("/api/documents/{id}", sellers).header("Authorization", bearer(TestTokens.client(client))))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/api/documents/{id}/content", sellers)
                            .header("Authorization", bearer(TestTokens.client(client))))
                    .andExpect(status().isNotFound());
        }
        String buyers = body(upload(buyer, "buyers-insurance.pdf").andExpect(status().isCreated())).path("id").asString();
        mvc.perform(get("/api/vehicles/{id}/documents", vehicle).header("Authorization", bearer(TestTokens.client(buyer))))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(buyers));
        // staff keep the vehicle's whole history
        mvc.perform(get("/api/vehicles/{id}/documents", vehicle).header("Authorization", admin))
                .andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get("/api/documents/{id}/content", sellers).header("Authorization", admin))
                .andExpect(status().isOk());
    }

    @Test
    void aRequestWaitingForTheSellersAnswerIsCancelledAndTheSellerTold() throws Exception {
        String pending = requested();
        String answered = requested();
        mvc.perform(post("/api/vehicle-updates/{id}/response", answered)
                        .header("Authorization", bearer(TestTokens.client(seller)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"approved\":true}"))
                .andExpect(status().isOk());

        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            transfer();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.events(VehicleUpdateCancelled.class))
                    .filteredOn(event -> event.vehicleId().equals(vehicle))
                    .singleElement()
                    .satisfies(event -> {
                        assertThat(event.updateId().toString()).isEqualTo(pending);
                        assertThat(event.ownerId()).isEqualTo(seller);
                    }));
        }
        mvc.perform(get("/api/vehicle-updates/{id}", pending).header("Authorization", admin))
                .andExpect(jsonPath("$.status").value("cancelled"));
        mvc.perform(get("/api/vehicle-updates/{id}", answered).header("Authorization", admin))
                .andExpect(jsonPath("$.status").value("approved"));
        // the seller's request, not the buyer's: not found, not "already cancelled"
        mvc.perform(post("/api/vehicle-updates/{id}/response", pending)
                        .header("Authorization", bearer(TestTokens.client(buyer)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"approved\":true}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theBuyerSeesNeitherTheSellersRequestsNorTheirAnswers() throws Exception {
        String answered = requested();
        mvc.perform(post("/api/vehicle-updates/{id}/response", answered)
                        .header("Authorization", bearer(TestTokens.client(seller)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"approved\":true,\"reason\":\"Abroad until June, call my wife\"}"))
                .andExpect(status().isOk());

        transfer();

        String buyers = requested();
        String asBuyer = bearer(TestTokens.client(buyer));
        mvc.perform(get("/api/vehicles/{id}/updates", vehicle).header("Authorization", asBuyer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(buyers));
        mvc.perform(get("/api/vehicle-updates/{id}", answered).header("Authorization", asBuyer))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/vehicle-updates/{id}/response", answered).header("Authorization", asBuyer)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"approved\":false}"))
                .andExpect(status().isNotFound());
        // the seller no longer sees the vehicle nor what belongs to it; staff keep the vehicle's whole history
        mvc.perform(get("/api/vehicle-updates/{id}", buyers).header("Authorization", bearer(TestTokens.client(seller))))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/vehicles/{id}/updates", vehicle).header("Authorization", admin))
                .andExpect(jsonPath("$.length()").value(2));
        mvc.perform(get("/api/vehicle-updates/{id}", answered).header("Authorization", admin))
                .andExpect(jsonPath("$.responseReason").value("Abroad until June, call my wife"));
    }

    /** An approved request outlives a transfer: its end is told to the seller who asked for the work, not the buyer. */
    @Test
    void theEndOfARequestTheSellerApprovedIsAddressedToTheSeller() throws Exception {
        String completed = requested();
        String cancelled = requested();
        for (String update : new String[] {completed, cancelled}) {
            mvc.perform(post("/api/vehicle-updates/{id}/response", update)
                            .header("Authorization", bearer(TestTokens.client(seller)))
                            .contentType(MediaType.APPLICATION_JSON).content("{\"approved\":true}"))
                    .andExpect(status().isOk());
        }
        transfer();

        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            close(completed, "completed");
            close(cancelled, "cancelled");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(events.events(VehicleUpdateCompleted.class))
                        .filteredOn(event -> event.vehicleId().equals(vehicle))
                        .singleElement()
                        .satisfies(event -> assertThat(event.ownerId()).isEqualTo(seller));
                assertThat(events.events(VehicleUpdateCancelled.class))
                        .filteredOn(event -> event.vehicleId().equals(vehicle))
                        .singleElement()
                        .satisfies(event -> assertThat(event.ownerId()).isEqualTo(seller));
            });
        }
    }

    private void close(String update, String status) throws Exception {
        mvc.perform(patch("/api/vehicle-updates/{id}", update).header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"" + status + "\"}"))
                .andExpect(status().isOk());
    }

    private void transfer() throws Exception {
        mvc.perform(post("/api/vehicles/{id}/transfer", vehicle).header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"newOwnerId\":\"" + buyer + "\"}"))
                .andExpect(status().isOk());
    }

    private String requested() throws Exception {
        return body(mvc.perform(post("/api/vehicles/{id}/updates", vehicle).header("Authorization", admin)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"updateType":"maintenance","title":"Annual service","description":"Oil and filters",
                                 "priority":"normal","scheduledDate":"%s"}""".formatted(Instant.now().plus(Duration.ofDays(7)))))
                .andExpect(status().isCreated())).path("id").asString();
    }

    private ResultActions upload(UUID client, String name) throws Exception {
        return mvc.perform(multipart("/api/vehicles/{id}/documents", vehicle)
                .file(new MockMultipartFile("file", name, "application/pdf", DocumentTest.distinct(DocumentTest.PDF)))
                .param("documentType", "insurance")
                .header("Authorization", bearer(TestTokens.client(client))));
    }
}
