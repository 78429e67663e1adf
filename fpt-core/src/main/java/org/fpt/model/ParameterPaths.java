package org.fpt.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dotted parameter paths of a block tree ({@code h.0.attn.c_attn.weight}). DJL prefixes child names with
 * an ordinal ({@code 01h.0}); the paths here drop it, so they equal the checkpoint keys. Child names
 * therefore never start with a digit. A child with an empty name adds no segment: a PEFT block inserted
 * into a {@link Dense} puts its parameters directly under the layer ({@code h.0.attn.c_attn.lora_a}).
 */
public final class ParameterPaths {
    private ParameterPaths() {
    }

    public static Map<String, Parameter> of(Block root) {
        Map<String, Parameter> paths = new LinkedHashMap<>();
        collect("", root, paths);
        return paths;
    }

    /** Every block of the tree by its dotted path (the root is {@code ""}), parents before children. */
    public static Map<String, Block> blocks(Block root) {
        Map<String, Block> blocks = new LinkedHashMap<>();
        collectBlocks("", root, blocks);
        return blocks;
    }

    private static void collectBlocks(String path, Block block, Map<String, Block> blocks) {
        blocks.putIfAbsent(path, block); // an unnamed child shares its parent's path; the parent keeps it
        for (Pair<String, Block> child : block.getChildren()) {
            String name = child.getKey().replaceFirst("^\\d+", "");
            collectBlocks(path.isEmpty() || name.isEmpty() ? path + name : path + "." + name, child.getValue(), blocks);
        }
    }

    private static void collect(String prefix, Block block, Map<String, Parameter> paths) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            paths.put(prefix + p.getKey(), p.getValue());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            String name = child.getKey().replaceFirst("^\\d+", "");
            collect(name.isEmpty() ? prefix : prefix + name + ".", child.getValue(), paths);
        }
    }
}
