package org.fpt.spi;

/**
 * Extension point: which parameters train. A predicate over parameter paths; everything it rejects is
 * frozen and never reaches the optimizer.
 */
public interface FreezingPolicy extends Named {
    boolean trains(ParameterPath parameter);
}
