package com.luxedrive.notification.sending;

import com.luxedrive.events.Topics;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.notification.Staff;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static com.luxedrive.notification.Staff.body;
import static com.luxedrive.notification.Staff.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class DraftsAndSchedulesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ScheduledSends scheduler;

    Staff staff;

    @BeforeEach
    void setUp() {
        staff = new Staff(mvc, jdbc);
    }

    @Test
    void aDraftIsEditedThenSentAndThenNoLongerEditable() throws Exception {
        UUID client = staff.client();
        UUID draft = idOf(staff.send(Staff.toUsers("info", client).replace("}", ",\"draft\":true}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.notification.status").value("draft"))
                .andExpect(jsonPath("$.recipientCount").value(0)));
        assertThat(history(draft)).isZero();
        assertThat(outboxRows(draft)).isZero();

        // no text: refused, not stored empty once stripped (an em space is white space too, a unit separator is stripped)
        for (String blank : List.of("{\"title\":\"   \"}", "{\"message\":\"\u2003\\t\"}",
                "{\"title\":\"\\u001f\"}")) {
            mvc.perform(patch("/api/notifications/{id}", draft).header("Authorization", staff.bearer())
                            .contentType(MediaType.APPLICATION_JSON).content(blank))
                    .andExpect(status().isBadRequest());
        }
        staff.send(Staff.toUsers("info", client).replace("\"Hello\"", "\"\u2003\u2003\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("title"));
        mvc.perform(patch("/api/notifications/{id}", draft).header("Authorization", staff.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Edited title\",\"type\":\"alert\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Edited title"))
                .andExpect(jsonPath("$.type").value("alert"));

        try (TopicProbe dispatched = TopicProbe.open(Topics.NOTIFICATIONS)) {
            mvc.perform(post("/api/notifications/{id}/send", draft).header("Authorization", staff.bearer()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.notification.status").value("sent"))
                    .andExpect(jsonPath("$.recipientCount").value(1));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dispatched.events(NotificationDispatched.class))
                    .filteredOn(e -> e.notificationId().equals(draft)).singleElement()
                    .satisfies(e -> assertThat(e.title()).isEqualTo("Edited title")));
        }
        mvc.perform(patch("/api/notifications/{id}", draft).header("Authorization", staff.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Too late\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/notifications/{id}/send", draft).header("Authorization", staff.bearer()))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/notifications/{id}", draft).header("Authorization", staff.bearer()))
                .andExpect(status().isConflict());
        assertThat(history(draft)).isEqualTo(1);
    }

    /** The image of a draft could be changed, never removed: null meant "unchanged", and "" is not a URL. */
    @Test
    void aDraftsImageIsRemovedByANullAndKeptWhenLeftOut() throws Exception {
        UUID draft = idOf(staff.send(Staff.toUsers("info", staff.client())
                .replace("}", ",\"draft\":true,\"imageUrl\":\"https://cdn.example/car.jpg\"}")));
        mvc.perform(patch("/api/notifications/{id}", draft).header("Authorization", staff.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Kept image\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imageUrl").value("https://cdn.example/car.jpg"));
        mvc.perform(patch("/api/notifications/{id}", draft).header("Authorization", staff.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"imageUrl\":\"ftp://cdn.example/x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("imageUrl"));

        mvc.perform(patch("/api/notifications/{id}", draft).header("Authorization", staff.bearer())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"imageUrl\":null}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.imageUrl").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.title").value("Kept image"));
    }

    /**
     * Two admins on one draft: the second's edit commits first; the first, sending what they read (If-Match with
     * its ETag), gets a 412 and nothing goes out, rather than sending a text they never saw.
     */
    @Test
    void aDraftChangedSinceItWasReadIsNeitherSentNorEditedNorDeletedUnderTheOldETag() throws Exception {
        UUID client = staff.client();
        var created = staff.send(Staff.toUsers("info", client).replace("}", ",\"draft\":true}"))
                .andExpect(status().isCreated())
                .andExpect(header().exists("ETag"));
        UUID draft = idOf(created);
        String read = mvc.perform(get("/api/notifications/{id}", draft).header("Authorization", staff.bearer()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getHeader("ETag");
        assertThat(read).isEqualTo(created.andReturn().getResponse().getHeader("ETag"));

        String edited = mvc.perform(patch("/api/notifications/{id}", draft).header("Authorization", staff.bearer())
                        .header("If-Match", read)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Another admin's title\"}"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getHeader("ETag");
        assertThat(edited).isNotEqualTo(read);

        mvc.perform(post("/api/notifications/{id}/send", draft).header("Authorization", staff.bearer())
                        .header("If-Match", read))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.type").value("https://luxedrive.example/problems/changed-meanwhile"));
        mvc.perform(patch("/api/notifications/{id}", draft).header("Authorization", staff.bearer())
                        .header("If-Match", read)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"title\":\"Mine\"}"))
                .andExpect(status().isPreconditionFailed());
        mvc.perform(delete("/api/notifications/{id}", draft).header("Authorization", staff.bearer())
                        .header("If-Match", read))
                .andExpect(status().isPreconditionFailed());
        assertThat(history(draft)).isZero();
        mvc.perform(get("/api/notifications/{id}", draft).header("Authorization", staff.bearer()))
                .andExpect(header().string("ETag", edited))
                .andExpect(jsonPath("$.status").value("draft"))
                .andExpect(jsonPath("$.title").value("Another admin's title"));

        // read again, it goes out
        mvc.perform(post("/api/notifications/{id}/send", draft).header("Authorization", staff.bearer())
                        .header("If-Match", edited))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.notification.status").value("sent"));
        assertThat(history(draft)).isEqualTo(1);
    }

    @Test
    void aDraftIsDeletedAndAScheduledOneCancelledBeforeItFires() throws Exception {
        UUID client = staff.client();
        UUID draft = idOf(staff.send(Staff.toUsers("info", client).replace("}", ",\"draft\":true}")));
        mvc.perform(delete("/api/notifications/{id}", draft).header("Authorization", staff.bearer()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/notifications/{id}", draft).header("Authorization", staff.bearer()))
                .andExpect(status().isNotFound());

        UUID scheduled = idOf(staff.send(scheduledFor(Instant.now().plus(Duration.ofHours(1)), client))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.notification.status").value("scheduled")));
        mvc.perform(delete("/api/notifications/{id}", scheduled).header("Authorization", staff.bearer()))
                .andExpect(status().isNoContent());
        makeDue(scheduled);
        assertThat(scheduler.fireDue()).isZero();
        mvc.perform(get("/api/notifications/{id}", scheduled).header("Authorization", staff.bearer()))
                .andExpect(jsonPath("$.status").value("cancelled"))
                .andExpect(jsonPath("$.cancelledAt").exists());
        assertThat(history(scheduled)).isZero();
    }

    @Test
    void aScheduleInThePastOrBeyondAYearOrOnADraftIsRefused() throws Exception {
        UUID client = staff.client();
        // a draft is not scheduled: its time would be kept and never fire
        staff.send(scheduledFor(Instant.now().plus(Duration.ofHours(1)), client).replace("}", ",\"draft\":true}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("scheduledAt"));
        assertThat(jdbc.sql("SELECT count(*) FROM notifications WHERE created_by = ?").param(staff.id)
                .query(Long.class).single()).isZero();
        staff.send(scheduledFor(Instant.now().minusSeconds(60), client))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("scheduledAt"));
        staff.send(scheduledFor(Instant.now().plus(Duration.ofDays(400)), client))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("scheduledAt"));
    }

    @Test
    void twoReplicasRacingOverDueSendsFireEachExactlyOnce() throws Exception {
        UUID client = staff.client();
        List<UUID> due = new ArrayList<>();
        // listening before any is due: the context's own poller may fire some at once
        try (TopicProbe dispatched = TopicProbe.open(Topics.NOTIFICATIONS)) {
            for (int i = 0; i < 30; i++) {
                UUID id = idOf(staff.send(scheduledFor(Instant.now().plus(Duration.ofMinutes(5)), client)));
                makeDue(id);
                due.add(id);
            }
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> race(start));
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> race(start));

            // the context's own poller (every 5 s) may take part as a third replica: the two racers fire at most
            // the due sends, and every one of them is fired exactly once by someone
            assertThat(first.get() + second.get()).isLessThanOrEqualTo(due.size());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(due)
                    .allSatisfy(id -> assertThat(history(id)).as("recipients of %s", id).isEqualTo(1)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dispatched.events(NotificationDispatched.class)
                    .stream().map(NotificationDispatched::notificationId).filter(due::contains).toList())
                    .hasSize(due.size()).doesNotHaveDuplicates());
        }
    }

    @Test
    void aScheduleWhoseAudienceLeftIsCancelledWhenItComesDue() throws Exception {
        UUID client = staff.client();
        UUID id = idOf(staff.send(scheduledFor(Instant.now().plus(Duration.ofMinutes(5)), client)));
        jdbc.sql("UPDATE recipient_users SET active = false WHERE user_id = ?").param(client).update();
        makeDue(id);

        scheduler.fireDue();

        // by this call, or by the context's own poller if it held the row when this one looked
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT status FROM notifications WHERE id = ?")
                .param(id).query(String.class).single().equals("cancelled"));
        assertThat(history(id)).isZero();
    }

    /**
     * A schedule cannot be edited; sent now after one of its users was deactivated, it was a 400 naming that user on
     * every attempt, while the scheduler would have sent it to the others.
     */
    @Test
    void aScheduleSentNowGoesToThoseStillThereAndIsAConflictWhenNobodyIs() throws Exception {
        UUID stays = staff.client();
        UUID leaves = staff.client();
        UUID id = idOf(staff.send(scheduledFor(Instant.now().plus(Duration.ofMinutes(5)), stays, leaves)));
        jdbc.sql("UPDATE recipient_users SET active = false WHERE user_id = ?").param(leaves).update();

        mvc.perform(post("/api/notifications/{id}/send", id).header("Authorization", staff.bearer()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recipientCount").value(1));

        UUID alone = staff.client();
        UUID nobodyLeft = idOf(staff.send(scheduledFor(Instant.now().plus(Duration.ofMinutes(5)), alone)));
        jdbc.sql("UPDATE recipient_users SET active = false WHERE user_id = ?").param(alone).update();
        mvc.perform(post("/api/notifications/{id}/send", nobodyLeft).header("Authorization", staff.bearer()))
                .andExpect(status().isConflict());
        assertThat(jdbc.sql("SELECT status FROM notifications WHERE id = ?").param(nobodyLeft).query(String.class)
                .single()).isEqualTo("scheduled");
    }

    /**
     * One due send that fails (here a statement of its dispatch refused by a trigger) rolled back every send due
     * with it and, being the earliest, headed every batch after: none of them went out.
     */
    @Test
    void aScheduledSendThatFailsHoldsUpNoOtherAndIsTriedAgainAtTheNextPoll() throws Exception {
        UUID poisoned = idOf(staff.send(scheduledFor(Instant.now().plus(Duration.ofMinutes(5)), staff.client())));
        UUID fine = idOf(staff.send(scheduledFor(Instant.now().plus(Duration.ofMinutes(5)), staff.client())));
        jdbc.sql("""
                CREATE FUNCTION refuse_for_the_test() RETURNS trigger AS $$
                BEGIN
                    IF NEW.notification_id = '%s' THEN RAISE EXCEPTION 'refused for the test'; END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql""".formatted(poisoned)).update();
        jdbc.sql("""
                CREATE TRIGGER refuse_for_the_test BEFORE INSERT ON notification_history
                FOR EACH ROW EXECUTE FUNCTION refuse_for_the_test()""").update();
        try {
            // due only now the trigger is there: the service's own poll may fire either at any moment
            jdbc.sql("UPDATE notifications SET scheduled_at = now() - interval '2 seconds' WHERE id = ?")
                    .param(poisoned).update();
            makeDue(fine);
            scheduler.fireDue();

            // the service's own poll may be firing it meanwhile (then this call skipped it, locked)
            await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(fine).equals("sent"));
            assertThat(statusOf(poisoned)).isEqualTo("scheduled");
        } finally {
            jdbc.sql("DROP TRIGGER refuse_for_the_test ON notification_history").update();
            jdbc.sql("DROP FUNCTION refuse_for_the_test()").update();
        }
        scheduler.fireDue();
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(poisoned).equals("sent"));
    }

    private String statusOf(UUID id) {
        return jdbc.sql("SELECT status FROM notifications WHERE id = ?").param(id).query(String.class).single();
    }

    private int race(CyclicBarrier start) {
        try {
            start.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return scheduler.fireDue();
    }

    /** As if the clock had moved past the time: the poller sees it due. */
    private void makeDue(UUID id) {
        jdbc.sql("UPDATE notifications SET scheduled_at = now() - interval '1 second' WHERE id = ?").param(id).update();
    }

    private static String scheduledFor(Instant at, UUID... clients) {
        return Staff.toUsers("maintenance", clients).replace("}", ",\"scheduledAt\":\"" + at + "\"}");
    }

    private long history(UUID id) {
        return jdbc.sql("SELECT count(*) FROM notification_history WHERE notification_id = ?").param(id)
                .query(Long.class).single();
    }

    /** Events of this notification written and not yet relayed (another test's may be in flight meanwhile). */
    private long outboxRows(UUID notification) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = ?").param(notification.toString())
                .query(Long.class).single();
    }
}
