package org.fpt.train;

import org.fpt.spi.Backend;

/** The backend a run uses, and why: named (with {@code --backend} or by the checkpoint resumed), or chosen by {@link FastestBackend}. */
public record BackendChoice(Backend backend, String reason) {
    public static BackendChoice named(Backend backend) {
        return new BackendChoice(backend, "named: --backend, or the backend the checkpoint was trained on");
    }
}
