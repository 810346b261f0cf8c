package io.leadsync.camel.linkedin.model;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * One answer of a lead. Two shapes reach us: {@code linkedin-api.md} (and the sandbox) send
 * {@code {"questionId":…,"answerDetails":{"textQuestionAnswer":…}}}, LinkedIn's own Lead Sync guide shows
 * {@code {"questionId":…,"name":"firstName","accepted":{"textQuestionAnswer":…}}}. Both are read; {@link #details()}
 * is the answer whichever carried it. The form version gives the answer its meaning: by {@code questionId}, or by
 * {@code name} when an answer carries no id.
 *
 * @param questionId the question answered (absent in some answers of the guide's shape)
 * @param name the question's name, when LinkedIn sends it
 * @param answerDetails the answer in the documented shape
 * @param accepted the answer in the guide's shape (anything but an object there is ignored, not a failed lead)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Answer(Long questionId, String name, AnswerDetails answerDetails,
        @JsonDeserialize(using = Answer.ObjectOrNothing.class) AnswerDetails accepted) {

    /** An answer in the documented shape. */
    public Answer(Long questionId, AnswerDetails answerDetails) {
        this(questionId, null, answerDetails, null);
    }

    /** The answer, whichever shape carried it: {@code answerDetails} first, else {@code accepted}; {@code null} if neither. */
    @JsonIgnore
    public AnswerDetails details() {
        if (answerDetails != null && (answerDetails.textQuestionAnswer() != null || answerDetails.multipleChoiceAnswer() != null)) {
            return answerDetails;
        }
        return accepted != null ? accepted : answerDetails;
    }

    /** Reads {@code accepted} as answer details when it is an object; any other value (a stray boolean) is no answer. */
    static final class ObjectOrNothing extends JsonDeserializer<AnswerDetails> {
        @Override
        public AnswerDetails deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            return node != null && node.isObject() ? parser.getCodec().treeToValue(node, AnswerDetails.class) : null;
        }
    }
}
