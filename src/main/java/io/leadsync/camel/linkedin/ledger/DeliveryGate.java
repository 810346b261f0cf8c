package io.leadsync.camel.linkedin.ledger;

import java.util.ArrayList;
import java.util.List;

import io.leadsync.camel.linkedin.lead.Lead;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Applies a sink's delivery ledger to one exchange of leads, the way Camel's Idempotent Consumer applies its
 * repository to one message: each lead's key is added before the route runs (a lead already delivered, in flight,
 * or withdrawn is dropped from the body), confirmed when the exchange completes, and removed when it fails, so the
 * next poll or redelivery brings the lead again.
 */
public final class DeliveryGate {

    private DeliveryGate() {
    }

    /** The leads of {@code leads} that {@code repository} admits; their keys are settled when {@code exchange} ends. */
    public static List<Lead> admit(Exchange exchange, IdempotentRepository repository, List<Lead> leads) {
        List<Lead> admitted = new ArrayList<>(leads.size());
        List<String> keys = new ArrayList<>(leads.size());
        try {
            for (Lead lead : leads) {
                String key = DeliveryKey.of(lead).toString();
                if (repository.add(key)) {
                    admitted.add(lead);
                    keys.add(key);
                }
            }
        } catch (RuntimeException e) {
            // the exchange fails before it is routed: release what was taken rather than wait for the in-flight lease
            keys.forEach(key -> removeQuietly(repository, key, e));
            throw e;
        }
        if (!keys.isEmpty()) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onComplete(Exchange done) {
                    keys.forEach(repository::confirm);
                }

                @Override
                public void onFailure(Exchange failed) {
                    keys.forEach(repository::remove);
                }
            });
        }
        return admitted;
    }

    private static void removeQuietly(IdempotentRepository repository, String key, RuntimeException cause) {
        try {
            repository.remove(key);
        } catch (RuntimeException again) {
            cause.addSuppressed(again);
        }
    }
}
