package io.leadsync.sandbox.dmp;

import com.fasterxml.jackson.databind.JsonNode;

/** How one element of a {@code users} or {@code companies} batch is checked and keyed in a segment. */
interface ElementRules {

    /** The reason LinkedIn refuses the element, or {@code null} when it is accepted. */
    String problem(JsonNode element);

    /** The key of an accepted element in the segment's member set. */
    String identity(JsonNode element);
}
