package org.fpt.tasks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order of an image folder's training files that makes "the last {@code validation-size} images" — the
 * binary formats' validation rule, kept for folders — a fair sample. Folders list files class by class,
 * so their last images would all be of the last class. Instead, each class's files are shuffled with a
 * fixed seed ({@value #SEED}, not {@code --seed}: every run and every seed holds out the same images, as
 * with the binary formats), and the classes are interleaved by relative position: the {@code j}-th file of
 * a class of {@code n} files goes to position {@code (j + 1/2) / n}, ties to the lower label. The tail of
 * that order then takes from each class a share of the validation split proportional to its size (within
 * one image), chosen at random within the class.
 */
final class HoldOutOrder {
    static final long SEED = 0;

    private HoldOutOrder() {
    }

    /** {@code order[k]} is the index (into {@code labels}) of the file at place {@code k}. */
    static int[] of(int[] labels, int classes) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        List<long[]> places = new ArrayList<>(labels.length); // {class, position in class, class size}
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            Collections.shuffle(members, new Random(SEED));
            for (int j = 0; j < members.size(); j++) {
                places.add(new long[] {c, j, members.size()});
            }
        }
        // (2j + 1) / 2n compared exactly: (2j + 1) * n' against (2j' + 1) * n
        places.sort((a, b) -> {
            int byPosition = Long.compare((2 * a[1] + 1) * b[2], (2 * b[1] + 1) * a[2]);
            return byPosition != 0 ? byPosition : Long.compare(a[0], b[0]);
        });
        int[] order = new int[labels.length];
        for (int k = 0; k < order.length; k++) {
            long[] place = places.get(k);
            order[k] = byClass.get((int) place[0]).get((int) place[1]);
        }
        return order;
    }
}
