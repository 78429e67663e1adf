package org.fpt.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Shard {@code index} of {@code count} (1-based) of an experiment grid: runs index-1, index-1+count, ... */
record Shard(int index, int count) {
    static final Shard ALL = new Shard(1, 1);

    boolean owns(int run) {
        return run % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /** Parses {@code K/N} with {@code 1 <= K <= N}. */
    static final class Converter implements ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            String[] parts = value.split("/", -1);
            try {
                if (parts.length == 2) {
                    int index = Integer.parseInt(parts[0].trim());
                    int count = Integer.parseInt(parts[1].trim());
                    if (count >= 1 && index >= 1 && index <= count) {
                        return new Shard(index, count);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
            throw new TypeConversionException("'" + value + "' is not a shard: expected K/N with 1 <= K <= N, e.g. 1/2");
        }
    }
}
