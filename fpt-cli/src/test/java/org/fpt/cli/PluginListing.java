package org.fpt.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code fpt plugins}'s output read back: each entry's name and its lines (wrapped text, then "from <jar>"). */
record PluginListing(Map<String, List<String>> entries) {
    static PluginListing of(String out) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : out.lines().toList()) {
            boolean nameRow = line.startsWith("  ") && !line.startsWith("   ");
            if (nameRow) {
                String stripped = line.strip();
                String name = stripped.startsWith("default (") ? stripped.substring(0, stripped.indexOf(')') + 1) : stripped.split(" ", 2)[0];
                current = new ArrayList<>();
                entries.put(name, current);
                String text = stripped.substring(name.length()).strip();
                if (!text.isEmpty()) {
                    current.add(text);
                }
            } else if (line.startsWith("   ") && current != null) {
                current.add(line.strip());
            } else {
                current = null; // a section title
            }
        }
        return new PluginListing(entries);
    }

    /** The entry's text, its wrapped lines joined (the jar line included). */
    String text(String name) {
        List<String> lines = entries.get(name);
        if (lines == null) {
            throw new AssertionError("fpt plugins lists no " + name + ": " + entries.keySet());
        }
        return String.join(" ", lines);
    }

    /** The entry's last line, which names its jar (or class directory, in a build); null when it names none. */
    String origin(String name) {
        List<String> lines = entries.get(name);
        String last = lines == null || lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return last.startsWith("from ") ? last.substring("from ".length()) : null;
    }
}
