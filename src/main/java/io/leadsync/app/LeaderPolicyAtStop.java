package io.leadsync.app;

import java.lang.reflect.Field;
import java.util.concurrent.locks.Lock;

import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Stops the leader policy when the CamelContext begins to stop, before it shuts the routes down.
 *
 * <p>Why: camel-cluster's {@link ClusteredRoutePolicy} (4.18.0, and still 4.22.0) starts its routes under its own lock
 * when the leadership is taken, which needs each route's lock, and it releases its cluster view under that same policy
 * lock from the shutdown of its last route, which holds that route's lock. A leadership taken while the app stops (a
 * file lock acquired two seconds after start, a pod stopped during a rollout) deadlocked the two threads, and the JVM
 * never ended (seen once in the suite). Camel fixes it upstream (CAMEL-24545) in a release not served here. Taking the
 * policy's lock first waits for a start already under way, which can still finish because no route is being shut down
 * yet; once the policy is stopped, a later leadership change starts nothing ({@code isRunAllowed()}).
 */
final class LeaderPolicyAtStop extends EventNotifierSupport {

    private final ClusteredRoutePolicy policy;

    LeaderPolicyAtStop(ClusteredRoutePolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        Lock lock = policyLock();
        if (lock == null) {
            ServiceHelper.stopService(policy);
            return;
        }
        lock.lock();
        try {
            ServiceHelper.stopService(policy);
        } finally {
            lock.unlock();
        }
    }

    /** The policy's private lock; null if a Camel version has none (then stopping the policy is what is left to do). */
    private Lock policyLock() {
        try {
            Field field = ClusteredRoutePolicy.class.getDeclaredField("lock");
            field.setAccessible(true);
            return field.get(policy) instanceof Lock lock ? lock : null;
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            return null;
        }
    }
}
