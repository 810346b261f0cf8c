package io.leadsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The sandbox's Rest.li 2.0 decoder against what LinkedIn's own client encodes (fixtures/restli-encoding.jsonl). */
class RestLiDecoderTest {

    @Test
    void decodesEveryFixtureLineBackIntoItsInput() throws Exception {
        String[] lines = SandboxTestSupport.fixtureText("restli-encoding.jsonl").split("\n");
        int checked = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode pair = SandboxTestSupport.MAPPER.readTree(line);
            String encoded = pair.get("encoded").asText();
            if (pair.has("pathKey")) {
                assertThat(RestLiDecoder.decodePathKey(encoded)).as(line).isEqualTo(pair.get("pathKey").asText());
            } else {
                Map<String, Object> decoded = RestLiDecoder.decodeQuery(encoded);
                assertThat(decoded).as(line).isEqualTo(normalise(pair.get("input")));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(13);
    }

    @Test
    void keyOrderAndNestingDoNotMatter() {
        assertThat(RestLiDecoder.decode("(end:2,start:1)")).isEqualTo(Map.of("start", "1", "end", "2"));
        assertThat(RestLiDecoder.decode("List()")).isEqualTo(List.of());
        assertThat(RestLiDecoder.decode("()")).isEqualTo(Map.of());
        assertThat(RestLiDecoder.decode("(a:List((b:''),c))"))
                .isEqualTo(Map.of("a", List.of(Map.of("b", ""), "c")));
    }

    @Test
    void rejectsUnencodedUrnInsideARecord() {
        assertThatThrownBy(() -> RestLiDecoder.decode("(sponsoredAccount:urn:li:sponsoredAccount:1)"))
                .isInstanceOf(RestLiDecoder.RestLiSyntaxException.class)
                .hasMessageContaining("unexpected ':'");
    }

    @Test
    void rejectsReservedCharactersAndBrokenStructure() {
        assertThatThrownBy(() -> RestLiDecoder.decode("urn:li:sponsoredAccount:1")).hasMessageContaining("unencoded ':'");
        assertThatThrownBy(() -> RestLiDecoder.decode("a b")).hasMessageContaining("unencoded ' '");
        assertThatThrownBy(() -> RestLiDecoder.decode("(a:1")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> RestLiDecoder.decode("List(a,b")).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> RestLiDecoder.decode("(a:x%2)")).hasMessageContaining("percent-encoding");
        assertThatThrownBy(() -> RestLiDecoder.decode("(a:)")).hasMessageContaining("empty value");
        assertThatThrownBy(() -> RestLiDecoder.decodePathKey("urn:li:leadGenFormResponse:1"))
                .hasMessageContaining("unencoded ':'");
    }

    @Test
    void spacesArePercentTwentyAndPlusStaysPlus() {
        assertThat(RestLiDecoder.decode("a%20b")).isEqualTo("a b");
        assertThat(RestLiDecoder.percentDecode("a+b")).isEqualTo("a+b");
        assertThat(RestLiDecoder.decode("S%C3%A3o%20Paulo")).isEqualTo("São Paulo");
    }

    /** JSON input → the decoder's shapes; numbers and booleans compare as strings (Rest.li text carries no types). */
    private static Object normalise(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), normalise(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(normalise(n)));
            return list;
        }
        return node.asText();
    }
}
