package com.luxedrive.realtime.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EncodedEventTest {

    /** {@code 42["notification:received",{"message":""}]} */
    private static final int PACKET_AROUND_MESSAGE = 42;

    /**
     * Payloads at the edges of the three length encodings (7 bits; 126 and 16 bits; 127 and 64 bits), read by
     * Netty's client-side decoder.
     */
    @ParameterizedTest
    @ValueSource(ints = {42, 125, 126, 1_000, 65_535, 65_536, 200_000})
    void isOneFinalTextFrameAClientReadsAsTheSocketIoEvent(int payloadBytes) {
        String message = "x".repeat(payloadBytes - PACKET_AROUND_MESSAGE);

        TextWebSocketFrame frame = readByAClient(EncodedEvent.of("notification:received", Map.of("message", message)));

        assertThat(frame.content().readableBytes()).isEqualTo(payloadBytes);
        assertThat(frame.text()).isEqualTo("42[\"notification:received\",{\"message\":\"" + message + "\"}]");
        frame.release();
    }

    @Test
    void theBodyIsJsonAClientParsesBackToTheSameText() throws Exception {
        String title = "Rappel \"entretien\" 🚗\nété";
        TextWebSocketFrame frame = readByAClient(EncodedEvent.of("notification:received", Map.of("title", title)));

        assertThat(frame.text()).startsWith("42[");
        JsonNode event = new ObjectMapper().readTree(frame.text().substring(2));
        assertThat(event.get(0).asText()).isEqualTo("notification:received");
        assertThat(event.get(1).get("title").asText()).isEqualTo(title);
        frame.release();
    }

    private static TextWebSocketFrame readByAClient(EncodedEvent event) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(false, false, 1 << 20));
        client.writeInbound(Unpooled.wrappedBuffer(event.frame()));
        TextWebSocketFrame frame = client.readInbound();
        assertThat(frame.isFinalFragment()).isTrue();
        assertThat((Object) client.readInbound()).as("nothing after the frame").isNull();
        return frame;
    }
}
