package org.fpt.peft;

import java.util.Optional;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.PeftInsertion;
import org.fpt.spi.PeftMethod;
import org.fpt.spi.PeftSite;

/** BitFit (Ben Zaken et al. 2021): inserts nothing; every existing bias trains, on top of the FPT set. */
public final class BitFitMethod implements PeftMethod {
    @Override
    public String name() {
        return "bitfit";
    }

    @Override
    public String description() {
        return "fpt plus every bias of the body";
    }

    @Override
    public Optional<PeftInsertion> insert(PeftSite site) {
        return Optional.empty();
    }

    @Override
    public boolean trains(ParameterPath parameter) {
        return parameter.isBias();
    }
}
