package io.leadsync.app;

import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;

/**
 * Puts the cluster's leader policy on every route of group {@value #GROUP} ({@code group: leader} in YAML). A route's
 * {@code group} is spelled the same in every Camel 4 YAML DSL, while the key naming a route policy bean is not
 * ({@code routePolicy} in 4.18, {@code routePolicyRef} in 4.22), so the route files stay valid on both.
 */
final class LeaderRoutes implements RoutePolicyFactory {

    /** The route group that runs on the leader only. */
    static final String GROUP = "leader";

    private final ClusteredRoutePolicy leaderOnly;

    LeaderRoutes(ClusteredRoutePolicy leaderOnly) {
        this.leaderOnly = leaderOnly;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return route instanceof RouteDefinition definition && GROUP.equals(definition.getGroup()) ? leaderOnly : null;
    }
}
