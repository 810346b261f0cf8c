package io.leadsync.camel.linkedin.logging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one escape applied to caller text before a log line or an error body. */
class UntrustedTest {

    @Test
    void controlCharactersAreEscapedAndPrintableTextIsKept() {
        assertThat(Untrusted.text("lead\u0000id\r\nWARN x\u001b[2J\u007f\u0085\u2028\u202e")).isEqualTo(
                "lead\\u0000id\\u000d\\u000aWARN x\\u001b[2J\\u007f\\u0085\\u2028\\u202e");
        assertThat(Untrusted.text("c0ffee00-1111-2222-3333-444455556666-2 é ü")).isEqualTo("c0ffee00-1111-2222-3333-444455556666-2 é ü");
        assertThat(Untrusted.text(null)).isEqualTo("null");
    }

    @Test
    void longTextIsCut() {
        String cut = Untrusted.text("x".repeat(10_000));
        assertThat(cut).startsWith("x".repeat(Untrusted.MAX_LENGTH)).endsWith("…(10000 chars)").hasSizeLessThan(Untrusted.MAX_LENGTH + 20);
    }
}
