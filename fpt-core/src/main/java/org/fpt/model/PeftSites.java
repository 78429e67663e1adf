package org.fpt.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.fpt.spi.Body;
import org.fpt.spi.PeftInsertion;
import org.fpt.spi.PeftMethod;
import org.fpt.spi.PeftSite;

/**
 * The host's side of {@link PeftMethod}: a body's sites are its {@link Dense} layers, found by walking its
 * block tree, each described with the role and layer the body gives its weight. Nothing here needs a method
 * on {@link Body}.
 */
public final class PeftSites {
    private PeftSites() {
    }

    /** Every site of {@code body}, by path, in block order. */
    public static Map<PeftSite, Dense> of(Body body) {
        Map<PeftSite, Dense> sites = new LinkedHashMap<>();
        layers(body.block()).forEach((path, dense) -> sites.put(dense.site(path, body.parameter(path + ".weight")), dense));
        return sites;
    }

    /**
     * Offers every site of {@code body} to {@code method} and inserts what it returns; call before the body's
     * parameters exist. Returns the body-relative paths of the inserted parameters (empty if it inserted nothing).
     */
    public static Set<String> insert(Body body, PeftMethod method) {
        Set<String> inserted = new LinkedHashSet<>();
        of(body).forEach((site, dense) -> method.insert(site).ifPresent(insertion -> {
            dense.insert(site.path(), insertion);
            ParameterPaths.of(insertion.block()).keySet().forEach(name -> inserted.add(site.path() + "." + name));
        }));
        return inserted;
    }

    /** Folds every insertion of the tree into its layer's weight and bias, for inference or export. */
    public static void merge(Block root) {
        layers(root).forEach((path, dense) -> dense.merge(path));
    }

    /** The tree's parameters by path, without those a PEFT method inserted: what a checkpoint layout holds. */
    public static Map<String, Parameter> baseParameters(Block root) {
        Set<Parameter> inserted = Collections.newSetFromMap(new IdentityHashMap<>());
        layers(root).values().forEach(dense -> dense.insertion().map(PeftInsertion::block)
                .ifPresent(block -> inserted.addAll(block.getParameters().values())));
        Map<String, Parameter> base = new LinkedHashMap<>(ParameterPaths.of(root));
        base.values().removeIf(inserted::contains);
        return base;
    }

    private static Map<String, Dense> layers(Block root) {
        Map<String, Dense> layers = new LinkedHashMap<>();
        ParameterPaths.blocks(root).forEach((path, block) -> {
            if (block instanceof Dense dense) {
                layers.put(path, dense);
            }
        });
        return layers;
    }
}
