package org.fpt.fuzz;

/** Thrown by a target when a read succeeded but returned what a correct reader never returns (a negative step). */
final class InvalidAccepted extends AssertionError {
    private static final long serialVersionUID = 1L;

    InvalidAccepted(String what) {
        super(what);
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            throw new InvalidAccepted(what);
        }
    }
}
