package org.fpt.policies;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fpt.model.ParameterPaths;
import org.fpt.model.PeftSites;
import org.fpt.spi.Body;
import org.fpt.spi.FreezingPolicy;
import org.fpt.spi.ParameterPath;
import org.fpt.spi.PeftMethod;

/**
 * A {@link PeftMethod} selected with {@code --policy}: the FPT set (input layer, head, positions, layer norms)
 * trains, plus every parameter the method inserts into the body and every existing one it
 * {@link PeftMethod#trains trains}. {@link #prepare} inserts the method's blocks; a method that finds nothing
 * to adapt in the body (no site it targets, no parameter it trains) is an error rather than a silent {@code fpt}.
 */
public final class PeftPolicy implements FreezingPolicy {
    /** The name {@code FptModel} gives the body's subtree: model paths are {@code body.<path in the body>}. */
    private static final String BODY = "body.";

    private final PeftMethod method;
    private final Set<String> inserted;

    public PeftPolicy(PeftMethod method) {
        this(method, Set.of());
    }

    private PeftPolicy(PeftMethod method, Set<String> inserted) {
        this.method = method;
        this.inserted = Set.copyOf(inserted);
    }

    public PeftMethod method() {
        return method;
    }

    @Override
    public String name() {
        return method.name();
    }

    @Override
    public String description() {
        return method.description();
    }

    @Override
    public FreezingPolicy configure(Map<String, String> options) {
        return new PeftPolicy(method.configure(options));
    }

    @Override
    public FreezingPolicy prepare(Body body) {
        Set<String> added = PeftSites.insert(body, method).stream().map(path -> BODY + path).collect(Collectors.toSet());
        boolean trainsExisting = ParameterPaths.of(body.block()).keySet().stream().anyMatch(path -> method.trains(inModel(body, path)));
        if (added.isEmpty() && !trainsExisting) {
            throw new IllegalArgumentException("Policy '" + method.name() + "' has nothing to adapt in body '" + body.info().name()
                    + "' (" + body.info().family() + "): none of its " + PeftSites.of(body).size()
                    + " projection sites is one the method targets, and it trains none of its parameters");
        }
        return new PeftPolicy(method, added);
    }

    @Override
    public boolean trains(ParameterPath parameter) {
        return RolePolicy.FPT_ROLES.contains(parameter.role()) || inserted.contains(parameter.dotted()) || method.trains(parameter);
    }

    private static ParameterPath inModel(Body body, String path) {
        ParameterPath inBody = body.parameter(path);
        return ParameterPath.parse(BODY + path, inBody.role(), inBody.layer());
    }
}
