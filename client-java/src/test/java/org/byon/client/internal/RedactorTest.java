package org.byon.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.byon.client.ByonLogger;
import org.junit.jupiter.api.Test;

/** Logs and toString() carry no token and no SDP. */
class RedactorTest {

    static final String SDP = "v=0\r\no=alice 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0\r\na=candidate:1 1 udp 2122260223 192.0.2.10 49170 typ host\r\n";

    @Test
    void bearerTokensJsonSecretsAndCredentialQueryParametersBecomeStars() {
        String s = Redactor.redact("Authorization: Bearer eyJhbGciOi.abc.def sent to ws://gw/channels/ch-1/ws?access_token=xyz&x=1 "
                + "{\"access_token\":\"tok-1\",\"notificationAuthToken\":\"hook\"}");
        assertThat(s).doesNotContain("eyJhbGciOi").doesNotContain("xyz").doesNotContain("tok-1").doesNotContain("hook")
                .contains("Bearer ***").contains("access_token=***&x=1");
    }

    @Test
    void anSdpRawOrInJsonBecomesItsSize() {
        assertThat(Redactor.redact("offer: " + SDP + "end")).doesNotContain("192.0.2.10").contains("<sdp ").endsWith("end");
        String json = "{\"offer\":{\"sdp\":\"" + SDP.replace("\r\n", "\\r\\n") + "\"},\"status\":\"Ringing\"}";
        assertThat(Redactor.redact(json)).doesNotContain("192.0.2.10").contains("\"status\":\"Ringing\"");
    }

    @Test
    void theLoggerHookReceivesRedactedMessages() {
        List<String> lines = new ArrayList<>();
        Log log = new Log((level, message, error) -> lines.add(level + " " + message));
        log.warn("refused Bearer abc.def.ghi with " + SDP);
        assertThat(lines).singleElement().satisfies(l -> assertThat(l).startsWith(ByonLogger.Level.WARNING.name())
                .doesNotContain("abc.def.ghi").doesNotContain("192.0.2.10"));
    }
}
