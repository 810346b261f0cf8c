package io.leadsync.camel.linkedin;

import org.apache.camel.spi.Metadata;

/** Message headers set and read by {@code linkedin-leadsync} endpoints. */
public interface LinkedInLeadSyncConstants {

    @Metadata(label = "producer", description = "The operation to run, overriding the endpoint's `operation` option.",
              javaType = "io.leadsync.camel.linkedin.LinkedInLeadSyncOperations")
    String OPERATION = "CamelLinkedInOperation";

    @Metadata(label = "consumer", description = "Where the leads came from: POLL or WEBHOOK.", javaType = "String")
    String LEAD_SOURCE = "CamelLinkedInLeadSource";

    @Metadata(description = "The lead id; on a consumer exchange, the id of the only lead, or of the first when the page holds several.",
              javaType = "String")
    String LEAD_ID = "CamelLinkedInLeadId";

    @Metadata(label = "consumer", description = "CREATED or DELETED (a withdrawn lead: delete it downstream).", javaType = "String")
    String LEAD_ACTION = "CamelLinkedInLeadAction";

    @Metadata(label = "consumer", description = "How many leads the exchange's list holds.", javaType = "Integer")
    String LEAD_COUNT = "CamelLinkedInLeadCount";

    @Metadata(description = "The lead form id (producer: the form to read, describe, update or archive).", javaType = "Long")
    String FORM_ID = "CamelLinkedInFormId";

    @Metadata(description = "The owner URN (urn:li:sponsoredAccount:… or urn:li:organization:…).", javaType = "String")
    String OWNER = "CamelLinkedInOwner";

    @Metadata(description = "The lead type: SPONSORED, EVENT, COMPANY or ORGANIZATION_PRODUCT.", javaType = "String")
    String LEAD_TYPE = "CamelLinkedInLeadType";

    @Metadata(label = "consumer", description = "Poll only: the submittedAt time range start of this poll (epoch ms).", javaType = "Long")
    String WINDOW_START = "CamelLinkedInWindowStart";

    @Metadata(label = "consumer", description = "Poll only: the submittedAt time range end of this poll (epoch ms).", javaType = "Long")
    String WINDOW_END = "CamelLinkedInWindowEnd";

    @Metadata(label = "consumer", description = "Poll only: the page number within the poll of this owner and lead type, from 1.",
              javaType = "Integer")
    String PAGE_NUMBER = "CamelLinkedInPageNumber";

    @Metadata(label = "consumer", description = "Poll only: the total number of leads LinkedIn reports for this owner, type and window, when it says.",
              javaType = "Long")
    String TOTAL = "CamelLinkedInTotal";

    @Metadata(label = "producer", description = "The DMP segment id, overriding the `segmentId` option.", javaType = "Long")
    String SEGMENT_ID = "CamelLinkedInSegmentId";

    @Metadata(label = "producer", description = "The lead-notification subscription id to delete.", javaType = "Long")
    String NOTIFICATION_ID = "CamelLinkedInNotificationId";

    @Metadata(label = "producer", description = "The organization URN whose events to list.", javaType = "String")
    String ORGANIZATION = "CamelLinkedInOrganization";

    @Metadata(label = "producer", description = "searchLeads: submittedAt range start (epoch ms).", javaType = "Long")
    String SUBMITTED_AFTER = "CamelLinkedInSubmittedAfter";

    @Metadata(label = "producer", description = "searchLeads: submittedAt range end (epoch ms).", javaType = "Long")
    String SUBMITTED_BEFORE = "CamelLinkedInSubmittedBefore";

    @Metadata(label = "producer", description = "The HTTP status LinkedIn answered.", javaType = "Integer")
    String HTTP_STATUS = "CamelHttpResponseCode";

    @Metadata(label = "producer", description = "addUsers/addCompanies: how many elements LinkedIn accepted.", javaType = "Integer")
    String ACCEPTED_COUNT = "CamelLinkedInAcceptedCount";

    @Metadata(label = "producer", description = "addUsers/addCompanies: how many elements LinkedIn refused (see the per-element results in the body).",
              javaType = "Integer")
    String REJECTED_COUNT = "CamelLinkedInRejectedCount";

    @Metadata(label = "producer", description = "describeForm/formDdl: the form version to describe (default: the current one).",
              javaType = "Long")
    String FORM_VERSION = "CamelLinkedInFormVersion";

    @Metadata(label = "producer", description = "formDdl: the SQL dialect, H2 or POSTGRESQL, overriding the `sqlDialect` option.",
              javaType = "String")
    String SQL_DIALECT = "CamelLinkedInSqlDialect";

    @Metadata(label = "producer", description = "searchLeads: true when more leads matched than `maxResults` and the list was cut.",
              javaType = "Boolean")
    String RESULT_TRUNCATED = "CamelLinkedInResultTruncated";
}
