package com.luxedrive.vehicle;

import com.luxedrive.events.EventJson;
import com.luxedrive.events.Topics;
import com.luxedrive.events.vehicles.VehicleOwnerChanged;
import com.luxedrive.events.vehicles.VehicleRegistered;
import com.luxedrive.events.vehicles.VehicleRemoved;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Year;
import java.util.UUID;

import static com.luxedrive.vehicle.Fixtures.bearer;
import static com.luxedrive.vehicle.Fixtures.body;
import static com.luxedrive.vehicle.Fixtures.plate;
import static com.luxedrive.vehicle.Fixtures.vehicleJson;
import static com.luxedrive.vehicle.Fixtures.vin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class VehicleManagementTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    Fixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new Fixtures(mvc, jdbc);
    }

    @Test
    void theStaffListReadsItsPagesInOrderFromAnIndex() {
        // with sorting off the planner still sorts when nothing else gives the order; the index does
        String plan = transactions.execute(status -> {
            jdbc.sql("SET LOCAL enable_sort = off").update();
            return String.join("\n", jdbc.sql("EXPLAIN SELECT * FROM vehicles ORDER BY created_at DESC, id "
                    + "OFFSET 40 ROWS FETCH FIRST 20 ROWS ONLY").query(String.class).list());
        });
        assertThat(plan).contains("Index Scan using vehicles_newest").doesNotContain("Sort");
    }

    @Test
    void theSearchByPartOfAVinOrPlateReadsIndexes() {
        // the condition VehicleQueries builds for ?q=; with scans off the planner still scans when no index serves it
        String plan = transactions.execute(status -> {
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            return String.join("\n", jdbc.sql("EXPLAIN SELECT * FROM vehicles WHERE upper(vin) LIKE :pattern ESCAPE '\\' "
                            + "OR upper(license_plate) LIKE :pattern ESCAPE '\\'")
                    .param("pattern", "%K3\\_9%").query(String.class).list());
        });
        assertThat(plan).contains("vehicles_vin_search").contains("vehicles_plate_search").doesNotContain("Seq Scan");
    }

    @Test
    void supportRegistersAVehicleForAClientAndItIsAnnouncedOnce() throws Exception {
        UUID owner = fixtures.client();
        try (TopicProbe vehicles = TopicProbe.open(Topics.VEHICLES)) {
            String id = body(mvc.perform(post("/api/vehicles").header("Authorization", bearer(TestTokens.support(UUID.randomUUID())))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(vehicleJson(owner, "wdd2573421a012345", " ab-123  cd ")))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.vin").value("WDD2573421A012345"))
                    .andExpect(jsonPath("$.licensePlate").value("AB-123 CD"))
                    .andExpect(jsonPath("$.userId").value(owner.toString()))
                    .andExpect(jsonPath("$.status").value("active")))
                    .path("id").asString();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(vehicles.records())
                    .filteredOn(record -> record.key().equals(id))
                    .singleElement()
                    .satisfies(record -> assertThat(EventJson.read(record.value(), VehicleRegistered.class).ownerId())
                            .isEqualTo(owner)));
        }
        mvc.perform(get("/api/vehicles").header("Authorization", bearer(TestTokens.client(owner))))
                .andExpect(jsonPath("$.totalElements").value(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M8GDM9A1KP042788", "WDD257342", "WDDI573421A012345", "WDD2573421A01234Q", ""})
    void anInvalidVinIsAProblemNamingTheField(String badVin) throws Exception {
        long before = count();
        fixtures.register(vehicleJson(fixtures.client(), badVin, plate()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'vin')]").exists());
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aNorthAmericanVinWithItsCheckDigitIsAccepted() throws Exception {
        String vin = jdbc.sql("SELECT count(*) FROM vehicles WHERE vin = '1M8GDM9AXKP042788'").query(Long.class).single() == 0
                ? "1M8GDM9AXKP042788" : "11111111111111111";
        fixtures.register(vehicleJson(fixtures.client(), vin, plate())).andExpect(status().isCreated());
    }

    @Test
    void aVinOrPlateAlreadyRegisteredIsAConflictWhateverItsCase() throws Exception {
        String vin = vin();
        String plate = plate();
        fixtures.register(vehicleJson(fixtures.client(), vin, plate)).andExpect(status().isCreated());
        long before = count();

        fixtures.register(vehicleJson(fixtures.client(), vin.toLowerCase(), plate()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/conflict"));
        fixtures.register(vehicleJson(fixtures.client(), vin(), " " + plate.toLowerCase().replace("-", "-") + " "))
                .andExpect(status().isConflict());
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void theOwnerMustBeAnActiveClient() throws Exception {
        for (UUID notAnOwner : new UUID[]{UUID.randomUUID(), fixtures.account("admin", true),
                fixtures.account("client", false)}) {
            fixtures.register(vehicleJson(notAnOwner, vin(), plate()))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("userId"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(notAnOwner.toString())));
        }
    }

    @Test
    void yearMileageAndEnumsAreChecked() throws Exception {
        UUID owner = fixtures.client();
        String base = vehicleJson(owner, vin(), plate());
        fixtures.register(base.replace("\"year\":2023", "\"year\":1800"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("year"));
        fixtures.register(base.replace("\"year\":2023", "\"year\":" + (Year.now().getValue() + 5)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("year"));
        fixtures.register(base.replace("\"mileage\":1200", "\"mileage\":-1"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("mileage"));
        fixtures.register(base.replace("\"automatic\"", "\"warp\"").replace("\"petrol\"", "\"steam\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'transmissionType')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'fuelType')]").exists());
        fixtures.register(base.replace("\"year\":2023", "\"year\":\"twenty\""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("year"));
        // no-break spaces are neither Java's white space (@NotBlank) nor stripped: a make of them only was kept
        fixtures.register(base.replace("\"Bentley\"", "\"\u00A0\u00A0\""))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("make"));
        fixtures.register("{\"userId\":")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/malformed-request"));
    }

    @Test
    void aPatchChangesWhatItSendsAndCannotChangeTheOwner() throws Exception {
        UUID owner = fixtures.client();
        UUID vehicle = fixtures.vehicleOf(owner);
        String staff = bearer(TestTokens.admin(UUID.randomUUID()));

        mvc.perform(patch("/api/vehicles/{id}", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mileage\":4500,\"status\":\"in-service\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mileage").value(4500))
                .andExpect(jsonPath("$.status").value("in-service"))
                .andExpect(jsonPath("$.make").value("Bentley"));

        mvc.perform(patch("/api/vehicles/{id}", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\":\"" + fixtures.client() + "\",\"color\":\"Red\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("userId"));
        mvc.perform(get("/api/vehicles/{id}", vehicle).header("Authorization", staff))
                .andExpect(jsonPath("$.userId").value(owner.toString()))
                .andExpect(jsonPath("$.color").value("Verdant"));

        // a name may be left out, not blanked (POST refuses a blank one too)
        mvc.perform(patch("/api/vehicles/{id}", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"make\":\"   \",\"model\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'make')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'model')]").exists());
        // Unicode's white space is white space too: stripped, it was stored as an empty make
        mvc.perform(patch("/api/vehicles/{id}", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"make\":\"\u2003\u3000\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("make"));
        mvc.perform(get("/api/vehicles/{id}", vehicle).header("Authorization", staff))
                .andExpect(jsonPath("$.make").value("Bentley"));
    }

    @Test
    void aPatchIsAMergePatchWhoseNullClearsAnOptionalMemberAndIsRefusedForARequiredOne() throws Exception {
        UUID vehicle = fixtures.vehicleOf(fixtures.client());
        String staff = bearer(TestTokens.admin(UUID.randomUUID()));
        mvc.perform(patch("/api/vehicles/{id}", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"mileage\":12000,\"fuelType\":\"hybrid\",\"transmissionType\":\"manual\"}"))
                .andExpect(status().isOk());

        mvc.perform(patch("/api/vehicles/{id}", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"color\":null,\"mileage\":null,\"fuelType\":null}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.color").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.mileage").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.fuelType").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.transmissionType").value("manual"))
                .andExpect(jsonPath("$.make").value("Bentley"));

        mvc.perform(patch("/api/vehicles/{id}", vehicle).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"make\":null,\"licensePlate\":null,\"year\":null,\"status\":null,\"color\":\"Red\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field",
                        org.hamcrest.Matchers.containsInAnyOrder("make", "licensePlate", "year", "status")));
        mvc.perform(get("/api/vehicles/{id}", vehicle).header("Authorization", staff))
                .andExpect(jsonPath("$.make").value("Bentley"))
                .andExpect(jsonPath("$.color").value(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void aTransferIsAnAdminActionThatMovesTheVehicleAndIsAnnounced() throws Exception {
        UUID before = fixtures.client();
        UUID after = fixtures.client();
        UUID vehicle = fixtures.vehicleOf(before);
        String body = "{\"newOwnerId\":\"" + after + "\"}";

        mvc.perform(post("/api/vehicles/{id}/transfer", vehicle).header("Authorization", bearer(TestTokens.support(UUID.randomUUID())))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        try (TopicProbe vehicles = TopicProbe.open(Topics.VEHICLES)) {
            mvc.perform(post("/api/vehicles/{id}/transfer", vehicle).header("Authorization", bearer(TestTokens.admin(UUID.randomUUID())))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.userId").value(after.toString()));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(vehicles.records())
                    .filteredOn(record -> record.key().equals(vehicle.toString()))
                    .singleElement()
                    .satisfies(record -> {
                        VehicleOwnerChanged event = EventJson.read(record.value(), VehicleOwnerChanged.class);
                        assertThat(event.previousOwnerId()).isEqualTo(before);
                        assertThat(event.ownerId()).isEqualTo(after);
                    }));
        }
        mvc.perform(get("/api/vehicles/{id}", vehicle).header("Authorization", bearer(TestTokens.client(after))))
                .andExpect(status().isOk());
        mvc.perform(get("/api/vehicles/{id}", vehicle).header("Authorization", bearer(TestTokens.client(before))))
                .andExpect(status().isNotFound());
    }

    @Test
    void removingAVehicleDeletesItAndAnnouncesIt() throws Exception {
        UUID owner = fixtures.client();
        UUID vehicle = fixtures.vehicleOf(owner);
        String staff = bearer(TestTokens.admin(UUID.randomUUID()));
        try (TopicProbe vehicles = TopicProbe.open(Topics.VEHICLES)) {
            mvc.perform(delete("/api/vehicles/{id}", vehicle).header("Authorization", staff))
                    .andExpect(status().isNoContent());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(vehicles.records())
                    .filteredOn(record -> record.key().equals(vehicle.toString()))
                    .singleElement()
                    .satisfies(record -> assertThat(EventJson.read(record.value(), VehicleRemoved.class).ownerId())
                            .isEqualTo(owner)));
        }
        mvc.perform(get("/api/vehicles/{id}", vehicle).header("Authorization", staff)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/vehicles/{id}", vehicle).header("Authorization", staff)).andExpect(status().isNotFound());
    }

    @Test
    void clientsMayNotUseStaffRoutesAndStrangersAreNotLetIn() throws Exception {
        UUID owner = fixtures.client();
        UUID vehicle = fixtures.vehicleOf(owner);
        String client = bearer(TestTokens.client(owner));
        String json = vehicleJson(owner, vin(), plate());

        mvc.perform(post("/api/vehicles").header("Authorization", client).contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isForbidden());
        mvc.perform(patch("/api/vehicles/{id}", vehicle).header("Authorization", client)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"mileage\":1}"))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/vehicles/{id}", vehicle).header("Authorization", client)).andExpect(status().isForbidden());
        // removing a vehicle destroys its documents for good: an admin's act, not support's
        mvc.perform(delete("/api/vehicles/{id}", vehicle).header("Authorization", bearer(TestTokens.support(UUID.randomUUID()))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/vehicles/{id}/transfer", vehicle).header("Authorization", client)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"newOwnerId\":\"" + owner + "\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/vehicles").contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/vehicles/{id}", vehicle)).andExpect(status().isUnauthorized());
        assertThat(count()).isEqualTo(jdbc.sql("SELECT count(*) FROM vehicles").query(Long.class).single());
    }

    @Test
    void staffNarrowTheListByOwnerMakeStatusAndSearch() throws Exception {
        UUID owner = fixtures.client();
        String vin = vin();
        String plate = plate();
        fixtures.register(vehicleJson(owner, vin, plate).replace("Bentley", "Rolls-Royce")).andExpect(status().isCreated());
        fixtures.vehicleOf(owner);
        fixtures.vehicleOf(fixtures.client());
        String staff = bearer(TestTokens.support(UUID.randomUUID()));

        mvc.perform(get("/api/vehicles").param("userId", owner.toString()).header("Authorization", staff))
                .andExpect(jsonPath("$.totalElements").value(2));
        mvc.perform(get("/api/vehicles").param("userId", owner.toString()).param("make", "rolls-royce")
                        .header("Authorization", staff))
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].vin").value(vin));
        mvc.perform(get("/api/vehicles").param("q", plate.substring(3).toLowerCase()).header("Authorization", staff))
                .andExpect(jsonPath("$.content[0].licensePlate").value(plate));
        mvc.perform(get("/api/vehicles").param("q", vin.substring(5, 14)).header("Authorization", staff))
                .andExpect(jsonPath("$.content[0].vin").value(vin));
        mvc.perform(get("/api/vehicles").param("userId", owner.toString()).param("status", "sold")
                        .header("Authorization", staff))
                .andExpect(jsonPath("$.totalElements").value(0));
        mvc.perform(get("/api/vehicles").param("status", "flying").header("Authorization", staff))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/vehicles").param("userId", "not-a-uuid").header("Authorization", staff))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theOpenApiDocumentListsTheRoutesAndTheirProblems() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/vehicles/{id}']").exists())
                .andExpect(jsonPath("$.paths['/api/vehicles/{vehicleId}/documents']").exists())
                .andExpect(jsonPath("$.paths['/api/vehicle-updates/{id}/response']").exists())
                .andExpect(jsonPath("$.paths['/api/vehicles/{vehicleId}/documents'].post.responses['413']").exists())
                .andExpect(jsonPath("$.paths['/api/vehicles/{id}'].get.responses['404'].content['application/problem+json']")
                        .exists())
                .andExpect(jsonPath("$.components.schemas.Problem.properties.errors").exists());
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM vehicles").query(Long.class).single();
    }
}
