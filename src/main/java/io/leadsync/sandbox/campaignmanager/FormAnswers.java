package io.leadsync.sandbox.campaignmanager;

import static io.leadsync.sandbox.campaignmanager.Html.localized;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A filled-in form ({@code q<questionId>}, {@code consent<id>} inputs) as LinkedIn's {@code formResponse}, checked the
 * way LinkedIn's form checks it before it lets a member submit: required questions answered, texts within their
 * {@code maxResponseLength}, an option the question has, required consents checked. An unanswered optional question
 * is left out, as LinkedIn leaves it out; every consent is answered (accepted or not).
 *
 * @param formResponse {@code {"answers":[…],"consentResponses":[…]}}
 * @param problems     what keeps the form from being submitted, in the form's order; empty when it can be
 */
record FormAnswers(ObjectNode formResponse, List<String> problems) {

    static FormAnswers read(ObjectNode version, Map<String, String> form) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode answers = response.putArray("answers");
        List<String> problems = new ArrayList<>();
        for (JsonNode q : version.path("content").path("questions")) {
            long id = q.path("questionId").asLong();
            String text = localized(q.get("question"), q.path("label").asText());
            String value = form.getOrDefault("q" + id, "").strip();
            if (value.isEmpty()) {
                if (q.path("responseRequired").asBoolean()) {
                    problems.add("Answer \u201c" + text + "\u201d: it is required.");
                }
                continue;
            }
            JsonNode options = q.path("questionDetails").path("multipleChoiceQuestionDetails").path("options");
            ObjectNode answer = answers.addObject();
            answer.put("questionId", id);
            ObjectNode details = answer.putObject("answerDetails");
            if (options.isArray() && !options.isEmpty()) {
                Integer option = option(options, value);
                if (option == null) {
                    problems.add("Choose one of the options of \u201c" + text + "\u201d.");
                    continue;
                }
                details.putObject("multipleChoiceAnswer").putArray("options").add(option);
            } else {
                int max = q.path("questionDetails").path("textQuestionDetails").path("maxResponseLength").asInt(300);
                if (value.codePointCount(0, value.length()) > max) {
                    problems.add("Shorten \u201c" + text + "\u201d to at most " + max + " characters.");
                }
                details.putObject("textQuestionAnswer").put("answer", value);
            }
        }
        ArrayNode consents = response.putArray("consentResponses");
        for (JsonNode c : version.path("content").path("legalInfo").path("consents")) {
            int id = c.path("id").asInt();
            boolean accepted = form.containsKey("consent" + id);
            if (!accepted && c.path("checkRequired").asBoolean()) {
                problems.add("Check \u201c" + localized(c.get("consent"), "the consent") + "\u201d: the form requires it.");
            }
            consents.addObject().put("consentId", id).put("accepted", accepted);
        }
        return new FormAnswers(response, List.copyOf(problems));
    }

    private static Integer option(JsonNode options, String value) {
        for (JsonNode o : options) {
            if (String.valueOf(o.path("id").asInt()).equals(value)) {
                return o.path("id").asInt();
            }
        }
        return null;
    }
}
