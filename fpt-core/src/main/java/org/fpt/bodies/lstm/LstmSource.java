package org.fpt.bodies.lstm;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fpt.spi.Body;
import org.fpt.spi.BodyInfo;
import org.fpt.spi.BodySource;

/**
 * {@code lstm} (width 768, as GPT-2 small) and {@code lstm-<width>}: the paper's 3-layer LSTM baseline. Widths
 * go up to {@value #MAX_WIDTH}: 24 w^2 weights, about 400 M at the limit, more than GPT-2 medium's body; a
 * larger width would only make the engine fail to allocate.
 */
public final class LstmSource implements BodySource {
    public static final int DEFAULT_WIDTH = 768;
    public static final int MAX_WIDTH = 4096;
    private static final Pattern NAME = Pattern.compile("lstm(?:-(\\d{1,5}))?");

    @Override
    public String name() {
        return "lstm";
    }

    @Override
    public String description() {
        return "3-layer layer-normed LSTM baseline (lstm, lstm-<width>); random init only";
    }

    @Override
    public List<BodyInfo> bodies() {
        return List.of(new LstmBody("lstm", DEFAULT_WIDTH).info());
    }

    @Override
    public boolean accepts(String spec) {
        return NAME.matcher(spec).matches();
    }

    @Override
    public Body create(String spec, Init init) {
        Matcher m = NAME.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("Body '" + spec + "' is not an LSTM: expected lstm or lstm-<width>");
        }
        if (init == Init.PRETRAINED) {
            throw new IllegalArgumentException("Body '" + spec + "' has no pretrained weights: the LSTM baseline is trained "
                    + "from scratch (--init random --policy full)");
        }
        int width = m.group(1) == null ? DEFAULT_WIDTH : Integer.parseInt(m.group(1));
        if (width <= 0 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("Body '" + spec + "': width must be 1.." + MAX_WIDTH + ", got " + width);
        }
        return new LstmBody(spec, width);
    }
}
