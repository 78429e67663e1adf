package org.fpt.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dotted parameter paths of a block tree ({@code h.0.attn.c_attn.weight}), one per parameter.
 *
 * <p>DJL prefixes each child's name with its ordinal ({@code 01h.0}, {@code 03Linear}). A path segment is
 * the child's name without that ordinal, so a body's paths equal its checkpoint keys, the built-in adapter's
 * are {@code weight} and {@code bias}, and a block with one {@code Linear} child names it {@code Linear}.
 * Where siblings would then share a name — {@code SequentialBlock(Linear, gelu, Linear)} — each of them keeps
 * DJL's full name ({@code 01Linear}, {@code 03Linear}), so no parameter hides another. Any path that still
 * names two parameters is an error naming both, and so is a parameter without a name.
 *
 * <p>A child with an empty name adds no segment: a PEFT block inserted into a {@link Dense} puts its
 * parameters directly under the layer ({@code h.0.attn.c_attn.lora_a}).
 */
public final class ParameterPaths {
    private ParameterPaths() {
    }

    public static Map<String, Parameter> of(Block root) {
        Map<String, Parameter> paths = new LinkedHashMap<>();
        collect("", "", root, paths, new HashMap<>());
        return paths;
    }

    /** Every block of the tree by its dotted path (the root is {@code ""}), parents before children. */
    public static Map<String, Block> blocks(Block root) {
        Map<String, Block> blocks = new LinkedHashMap<>();
        collectBlocks("", root, blocks);
        return blocks;
    }

    /** The path segment of each child of {@code parent}, in order: see the class comment. */
    private static List<String> childNames(Block parent) {
        List<String> djlNames = parent.getChildren().keys();
        List<String> stripped = new ArrayList<>(djlNames.size());
        Map<String, Integer> uses = new HashMap<>();
        for (int i = 0; i < djlNames.size(); i++) {
            String name = withoutOrdinal(djlNames.get(i), i + 1);
            stripped.add(name);
            uses.merge(name, 1, Integer::sum);
        }
        List<String> names = new ArrayList<>(djlNames.size());
        for (int i = 0; i < djlNames.size(); i++) {
            names.add(uses.get(stripped.get(i)) > 1 ? djlNames.get(i) : stripped.get(i));
        }
        return names;
    }

    /** DJL's {@code AbstractBlock.addChildBlock} names the n-th child {@code String.format("%02d%s", n, name)}. */
    private static String withoutOrdinal(String djlName, int ordinal) {
        String prefix = String.format(Locale.ROOT, "%02d", ordinal);
        return djlName.startsWith(prefix) ? djlName.substring(prefix.length()) : djlName;
    }

    private static String join(String path, String name) {
        return path.isEmpty() || name.isEmpty() ? path + name : path + "." + name;
    }

    private static void collectBlocks(String path, Block block, Map<String, Block> blocks) {
        blocks.putIfAbsent(path, block); // an unnamed child shares its parent's path; the parent keeps it
        List<String> names = childNames(block);
        for (int i = 0; i < names.size(); i++) {
            collectBlocks(join(path, names.get(i)), block.getChildren().valueAt(i), blocks);
        }
    }

    /** {@code djlPaths} holds each path's DJL name (ordinals kept), to name both parameters of a clash. */
    private static void collect(String prefix, String djlPrefix, Block block, Map<String, Parameter> paths, Map<String, String> djlPaths) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getKey().isEmpty()) {
                // its path would be its block's, where a policy looking for its name would not find it
                throw new IllegalArgumentException("A parameter of block " + block.getClass().getName() + (prefix.isEmpty() ? "" : " at '"
                        + prefix.substring(0, prefix.length() - 1) + "'") + " has no name; a parameter's own name ends its path:"
                        + " give it one with Parameter.builder().setName(...)");
            }
            String path = prefix + p.getKey();
            String djlPath = djlPrefix + p.getKey();
            String other = djlPaths.putIfAbsent(path, djlPath);
            if (other != null) {
                throw new IllegalArgumentException("Two parameters on path '" + path + "': " + other + " and " + djlPath
                        + " (DJL's names); rename one of their blocks");
            }
            paths.put(path, p.getValue());
        }
        List<String> names = childNames(block);
        PairList<String, Block> children = block.getChildren();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            collect(name.isEmpty() ? prefix : prefix + name + ".", djlPrefix + children.keyAt(i) + ".", children.valueAt(i), paths, djlPaths);
        }
    }
}
