package io.leadsync.sandbox;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadsync.sandbox.campaignmanager.CampaignManager;
import io.leadsync.sandbox.campaignmanager.CampaignManagerWorld;

/**
 * The sandbox side of {@link CampaignManager} ({@code /campaignmanager/…}): its world and actions over this sandbox's
 * context, through the same lead actions as the admin API (stored, journaled, pushed), and the request and answer
 * conversion. Never faulted, never counted in the stats, like {@code /_sandbox/}.
 */
final class CampaignManagerPages implements CampaignManagerWorld {

    private final SandboxContext ctx;
    private final CampaignManager pages = new CampaignManager(this);

    CampaignManagerPages(SandboxContext ctx) {
        this.ctx = ctx;
    }

    SandboxResponse handle(SandboxRequest request) {
        boolean form = "POST".equals(request.method());
        CampaignManager.Response answer = pages.handle(new CampaignManager.Request(request.method(), request.rawPath(), request.formQuery(),
                form ? SandboxRequest.formDecode(request.bodyText()) : Map.of()));
        SandboxResponse response = new SandboxResponse(answer.status(), answer.contentType(), new java.util.LinkedHashMap<>(answer.headers()),
                answer.body());
        return response;
    }

    @Override
    public ObjectNode world() {
        return WorldView.of(ctx.world);
    }

    @Override
    public ObjectNode formVersion(long formId, Integer versionId) {
        FormRecord form = ctx.world.form(formId);
        if (form == null) {
            return null;
        }
        return versionId == null ? form.latest() : form.version(versionId);
    }

    @Override
    public String leadType(long formId) {
        FormRecord form = ctx.world.form(formId);
        return form == null ? null : form.leadType;
    }

    @Override
    public List<ObjectNode> leads(long formId, int limit) {
        return ctx.world.leads.liveOfForm(formId, limit).stream().map(LeadStore.Lead::tree).toList();
    }

    @Override
    public int leadCount(long formId) {
        return ctx.world.leads.liveOfForm(formId, Integer.MAX_VALUE).size();
    }

    @Override
    public ObjectNode lead(String leadId) {
        LeadStore.Lead lead = ctx.world.leads.live(leadId);
        return lead == null ? null : lead.tree();
    }

    @Override
    public String generateTestLead(long formId) {
        try {
            return ctx.leadActions.submit(formId, 1, true, 0, 0).get(0);
        } catch (SandboxApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public String submit(long formId, ObjectNode formResponse, boolean testLead) {
        try {
            return ctx.leadActions.submitAnswered(formId, formResponse, testLead);
        } catch (SandboxApiError e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public boolean withdraw(String leadId) {
        return ctx.leadActions.withdraw(leadId);
    }
}
