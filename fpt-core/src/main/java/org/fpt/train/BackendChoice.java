package org.fpt.train;

import org.fpt.spi.Backend;

/** The backend a run uses, and why: named (with {@code --backend} or by the checkpoint resumed), or chosen by {@link FastestBackend}. */
public record BackendChoice(Backend backend, String reason) {
    public static final String NAMED = "named with --backend";
    public static final String OF_CHECKPOINT = "the backend its checkpoint was trained on";

    public static BackendChoice named(Backend backend, String why) {
        return new BackendChoice(backend, why);
    }
}
