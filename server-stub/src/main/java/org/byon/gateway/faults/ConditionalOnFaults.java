package org.byon.gateway.faults;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Wires a fault decorator only in a gateway that can break the contract: one started with {@code byon.faults}
 * naming faults, or with {@code byon.faults.runtime-control=true} (the suite's self-tests switch faults while it
 * runs). A gateway with neither has no fault code on any path.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnFaults.FaultsWired.class)
public @interface ConditionalOnFaults {

    /** True when faults are configured at start or may be switched at run time. */
    final class FaultsWired implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var env = context.getEnvironment();
            String configured = env.getProperty("byon.faults", "");
            return !configured.isBlank() || env.getProperty("byon.faults.runtime-control", Boolean.class, false);
        }
    }
}
