package com.luxedrive.vehicle;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.Topics;
import com.luxedrive.events.vehicles.DocumentApproved;
import com.luxedrive.events.vehicles.DocumentRejected;
import com.luxedrive.events.vehicles.DocumentUploaded;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static com.luxedrive.vehicle.Fixtures.bearer;
import static com.luxedrive.vehicle.Fixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class DocumentTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXECUTABLE = concat(new byte[]{'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF,
            (byte) 0xFF, 0, 0}, "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII));

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    Fixtures fixtures;
    UUID owner;
    UUID vehicle;

    @BeforeEach
    void setUp() throws Exception {
        fixtures = new Fixtures(mvc, jdbc);
        owner = fixtures.client();
        vehicle = fixtures.vehicleOf(owner);
    }

    @Test
    void theOwnerUploadsStaffApproveAndTheOwnerDownloadsTheSameBytes() throws Exception {
        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            String id = body(upload(TestTokens.client(owner), "carte grisé.pdf", "application/octet-stream", PDF,
                    "registration", LocalDate.now().plusYears(1))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.contentType").value("application/pdf"))
                    .andExpect(jsonPath("$.fileName").value("carte grisé.pdf"))
                    .andExpect(jsonPath("$.sizeBytes").value(PDF.length))
                    .andExpect(jsonPath("$.sha256").value(sha256(PDF)))
                    .andExpect(jsonPath("$.status").value("pending")))
                    .path("id").asString();

            MvcResult download = mvc.perform(get("/api/documents/{id}/content", id)
                            .header("Authorization", bearer(TestTokens.client(owner))))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType("application/pdf"))
                    .andExpect(header().string("Content-Disposition",
                            "attachment; filename=\"carte gris_.pdf\"; filename*=UTF-8''carte%20gris%C3%A9.pdf"))
                    .andExpect(header().string("ETag", "\"" + sha256(PDF) + "\""))
                    .andReturn();
            assertThat(download.getResponse().getContentAsByteArray()).isEqualTo(PDF);

            String staff = bearer(TestTokens.support(fixtures.staff));
            mvc.perform(post("/api/documents/{id}/approve", id).header("Authorization", staff))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("approved"))
                    .andExpect(jsonPath("$.reviewedBy").value(fixtures.staff.toString()));
            mvc.perform(post("/api/documents/{id}/approve", id).header("Authorization", staff))
                    .andExpect(status().isConflict());
            mvc.perform(post("/api/documents/{id}/reject", id).header("Authorization", staff)
                            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"blurry\"}"))
                    .andExpect(status().isConflict());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(of(events, DocumentUploaded.class, e -> e.documentId().toString().equals(id)))
                        .singleElement().satisfies(e -> {
                            assertThat(e.ownerId()).isEqualTo(owner);
                            assertThat(e.contentType()).isEqualTo("application/pdf");
                        });
                assertThat(of(events, DocumentApproved.class, e -> e.documentId().toString().equals(id))).hasSize(1);
            });
        }
    }

    @Test
    void aRejectionNeedsAReasonAndIsAnnounced() throws Exception {
        String id = uploadedPdf();
        String staff = bearer(TestTokens.admin(fixtures.staff));
        mvc.perform(post("/api/documents/{id}/reject", id).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        // no-break spaces are neither Java's white space (@NotBlank) nor stripped: a reason of them only was kept
        mvc.perform(post("/api/documents/{id}/reject", id).header("Authorization", staff)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"\u00A0\u00A0\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
        try (TopicProbe events = TopicProbe.open(Topics.VEHICLES)) {
            mvc.perform(post("/api/documents/{id}/reject", id).header("Authorization", staff)
                            .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"The policy number is unreadable\"}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("rejected"))
                    .andExpect(jsonPath("$.rejectedReason").value("The policy number is unreadable"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(of(events, DocumentRejected.class, e -> e.documentId().toString().equals(id)))
                            .singleElement()
                            .satisfies(e -> assertThat(e.reason()).isEqualTo("The policy number is unreadable")));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "photo.png, 89504E470D0A1A0A0000000D4948445200000001000000010806000000, image/png",
            "photo.jpg, FFD8FFE000104A46494600010100000100010000FFDB, image/jpeg",
            "photo.webp, 524946462400000057454250565038200000000000000000, image/webp",
            "photo.heic, 0000001866747970686569630000000068656963, image/heic"})
    void imagesAreAcceptedAsWhatTheirBytesSay(String name, String hex, String detected) throws Exception {
        upload(TestTokens.admin(fixtures.staff), name, "text/plain", HexFormat.of().parseHex(hex), "other", null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contentType").value(detected));
    }

    @Test
    void aDisguisedExecutableIsRefusedAndNothingIsStored() throws Exception {
        Stored before = stored();
        upload(TestTokens.client(owner), "invoice.pdf", "application/pdf", EXECUTABLE, "invoice", null)
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        upload(TestTokens.client(owner), "notes.pdf", "application/pdf", "just text, not a PDF".getBytes(), "other", null)
                .andExpect(status().isUnsupportedMediaType());
        // text that quotes a PDF header past its first byte: Tika's weakest PDF rule took it for one
        upload(TestTokens.client(owner), "notes.pdf", "application/pdf", "notes\n%PDF-1.4\nnot a PDF at all\n".getBytes(),
                "other", null)
                .andExpect(status().isUnsupportedMediaType());
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aFileOverTheLimitIsTooLargeAndNothingIsStored() throws Exception {
        Stored before = stored();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        upload(TestTokens.client(owner), "scan.pdf", "application/pdf", big, "insurance", null)
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/payload-too-large"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Stored before = stored();
        upload(TestTokens.client(owner), "empty.pdf", "application/pdf", new byte[0], "other", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        assertThat(stored()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd.pdf", "..\\..\\boot.ini.pdf", "/etc/cron.d/x.pdf", "a\u0000b.pdf",
            "C:\\Windows\\x.pdf"})
    void aNameThatIsAPathIsRefusedAndNothingIsStored(String name) throws Exception {
        Stored before = stored();
        upload(TestTokens.client(owner), name, "application/pdf", PDF, "other", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("file"));
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aNameThatDisguisesItsExtensionIsDefused() throws Exception {
        upload(TestTokens.client(owner), "invoice\u202Efdp.exe", "application/pdf", PDF, "invoice", null)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.fileName").value("invoice_fdp.exe"));
    }

    @Test
    void strangersFindNothingAndClientsCannotReview() throws Exception {
        String id = uploadedPdf();
        String stranger = TestTokens.client(fixtures.client());
        Stored before = stored();

        mvc.perform(get("/api/documents/{id}/content", id).header("Authorization", bearer(stranger)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/documents/{id}", id).header("Authorization", bearer(stranger)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/vehicles/{id}/documents", vehicle).header("Authorization", bearer(stranger)))
                .andExpect(status().isNotFound());
        upload(stranger, "mine.pdf", "application/pdf", PDF, "other", null).andExpect(status().isNotFound());
        mvc.perform(get("/api/documents/{id}/content", UUID.randomUUID()).header("Authorization", bearer(stranger)))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/documents/{id}/approve", id).header("Authorization", bearer(TestTokens.client(owner))))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/documents/{id}/content", id)).andExpect(status().isUnauthorized());
        assertThat(stored()).isEqualTo(before);

        mvc.perform(get("/api/vehicles/{id}/documents", vehicle).header("Authorization", bearer(TestTokens.client(owner))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(id));
    }

    @Test
    void onlyTypesThatExpireTakeAnExpiryDateAndTheTypeIsChecked() throws Exception {
        upload(TestTokens.client(owner), "bill.pdf", "application/pdf", PDF, "invoice", LocalDate.now().plusDays(3))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("expiresOn"));
        upload(TestTokens.client(owner), "bill.pdf", "application/pdf", PDF, "passport", null)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("documentType"));
    }

    /**
     * Nothing else bounds what one client stores: at most 20 documents wait for review on a vehicle, and the same file
     * is not kept twice (once rejected, it may come again).
     */
    @Test
    void aVehicleTakesTwentyPendingDocumentsAndTheSameFileOnce() throws Exception {
        String first = uploadedPdf();
        for (int upload = 1; upload < 20; upload++) {
            uploadedPdf();
        }
        Stored full = stored();
        upload(TestTokens.client(owner), "one-more.pdf", "application/pdf", distinct(PDF), "other", null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/too-many-pending-documents"));
        assertThat(stored()).isEqualTo(full);

        byte[] same = contentOf(first);
        mvc.perform(post("/api/documents/{id}/approve", first).header("Authorization", bearer(TestTokens.admin(fixtures.staff))))
                .andExpect(status().isOk());
        upload(TestTokens.client(owner), "again.pdf", "application/pdf", same, "other", null)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/duplicate-document"));
        assertThat(stored().largeObjects()).isEqualTo(full.largeObjects());

        String rejected = uploadedPdf();
        byte[] refused = contentOf(rejected);
        mvc.perform(post("/api/documents/{id}/reject", rejected).header("Authorization", bearer(TestTokens.admin(fixtures.staff)))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Unreadable\"}"))
                .andExpect(status().isOk());
        upload(TestTokens.client(owner), "rescan.pdf", "application/pdf", refused, "other", null)
                .andExpect(status().isCreated());
    }

    /** Uploads of one file at once: one is kept, the others are duplicates (each upload waits for the one before). */
    @Test
    void theSameFileUploadedSeveralTimesAtOnceIsKeptOnce() throws Exception {
        byte[] file = distinct(PDF);
        ExecutorService uploaders = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> uploads = new java.util.ArrayList<>();
            for (int upload = 0; upload < 6; upload++) {
                uploads.add(uploaders.submit(() -> upload(TestTokens.client(owner), "scan.pdf", "application/pdf",
                        file, "other", null).andReturn().getResponse().getStatus()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Integer> upload : uploads) {
                statuses.add(upload.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            uploaders.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM documents WHERE vehicle_id = ?").param(vehicle)
                .query(Long.class).single()).isEqualTo(1);
    }

    /** Content gone between the metadata's read and the first chunk's (its vehicle removed meanwhile): 404, not 500. */
    @Test
    void contentGoneBeforeTheDownloadStartsIsNotFound() throws Exception {
        String id = uploadedPdf();
        jdbc.sql("SELECT lo_unlink(substring(content_ref FROM 7)::oid) FROM documents WHERE id = ?::uuid")
                .param(id).query(Long.class).single();

        mvc.perform(get("/api/documents/{id}/content", id).header("Authorization", bearer(TestTokens.client(owner))))
                .andExpect(status().isNotFound())
                .andExpect(header().doesNotExist("Content-Disposition"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void removingTheVehicleFreesItsDocumentsContent() throws Exception {
        uploadedPdf();
        uploadedPdf();
        Stored before = stored();
        mvc.perform(delete("/api/vehicles/{id}", vehicle).header("Authorization", bearer(TestTokens.admin(fixtures.staff))))
                .andExpect(status().isNoContent());
        assertThat(stored()).isEqualTo(new Stored(before.rows() - 2, before.largeObjects() - 2));
    }

    /** A PDF of its own each time (the same file twice on one vehicle is refused). */
    private String uploadedPdf() throws Exception {
        return body(upload(TestTokens.client(owner), "document.pdf", "application/pdf", distinct(PDF), "other", null)
                .andExpect(status().isCreated())).path("id").asString();
    }

    private ResultActions upload(String token, String name, String declaredType, byte[] bytes, String documentType,
                                 LocalDate expiresOn) throws Exception {
        var request = multipart("/api/vehicles/{id}/documents", vehicle)
                .file(new MockMultipartFile("file", name, declaredType, bytes))
                .param("documentType", documentType)
                .header("Authorization", bearer(token));
        if (expiresOn != null) {
            request.param("expiresOn", expiresOn.toString());
        }
        return mvc.perform(request);
    }

    /** The bytes stored for a document, read from its large object. */
    private byte[] contentOf(String documentId) {
        return jdbc.sql("SELECT lo_get(substring(content_ref FROM 7)::oid) FROM documents WHERE id = ?::uuid")
                .param(documentId).query(byte[].class).single();
    }

    /** Document rows and the large objects holding content: a refused upload must change neither. */
    private Stored stored() {
        return new Stored(jdbc.sql("SELECT count(*) FROM documents").query(Long.class).single(),
                jdbc.sql("SELECT count(*) FROM pg_largeobject_metadata").query(Long.class).single());
    }

    private record Stored(long rows, long largeObjects) {
    }

    private static <T extends DomainEvent> List<T> of(TopicProbe probe, Class<T> type, Predicate<T> which) {
        return probe.events(type).stream().filter(which).toList();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The PDF with a comment of its own: another file each call. */
    static byte[] distinct(byte[] pdf) {
        return concat(pdf, ("% " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
