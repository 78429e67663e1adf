package org.fpt.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.fpt.bodies.gpt2.Gpt2Config;
import org.fpt.plugin.Plugins;
import org.fpt.peft.LoraMethod;
import org.fpt.policies.PeftPolicy;
import org.fpt.spi.FreezingPolicy;
import org.junit.jupiter.api.Test;

/**
 * Every built-in policy, loaded the way the host loads it, freezes exactly the parameters it documents on a
 * tiny GPT-2 (2 layers). The expectations are written over dotted paths, independently of the roles the
 * policies use, so a wrong role assignment fails here.
 */
class PolicyLadderTest {
    private static final Predicate<String> OUTPUT = p -> p.startsWith("out.");
    private static final Predicate<String> INPUT = p -> p.startsWith("in.");
    private static final Predicate<String> LAYER_NORM = p -> p.matches("body\\.(h\\.\\d+\\.ln_[12]|ln_f)\\.(weight|bias)");
    private static final Predicate<String> POSITIONS = p -> p.equals("body.wpe.weight");
    private static final Predicate<String> FPT = OUTPUT.or(INPUT).or(LAYER_NORM).or(POSITIONS);
    private static final Predicate<String> ADAPTERS = p -> p.matches("body\\.h\\.\\d+\\.attn\\.c_(attn|proj)\\.lora_[ab]");

    private static final Map<String, Predicate<String>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("output-only", OUTPUT);
        EXPECTED.put("output+ln", OUTPUT.or(LAYER_NORM));
        EXPECTED.put("output+ln+input", OUTPUT.or(LAYER_NORM).or(INPUT));
        EXPECTED.put("fpt", FPT);
        EXPECTED.put("fpt+ffn", FPT.or(p -> p.matches("body\\.h\\.\\d+\\.mlp\\..*")));
        EXPECTED.put("fpt+last-attn", FPT.or(p -> p.startsWith("body.h.1.attn.")));
        EXPECTED.put("bitfit", FPT.or(p -> p.endsWith(".bias")));
        EXPECTED.put("lora", FPT.or(ADAPTERS));
        EXPECTED.put("ia3", FPT.or(p -> p.matches("body\\.h\\.\\d+\\.(attn\\.c_attn|mlp\\.c_proj)\\.ia3_l")));
        EXPECTED.put("full", p -> true);
    }

    private final Plugins plugins = Plugins.load(getClass().getClassLoader());

    @Test
    void everyLadderPolicyIsRegistered() {
        assertThat(plugins.policyNames()).containsAll(EXPECTED.keySet());
        assertThat(plugins.peftMethods().names()).containsExactly("bitfit", "ia3", "lora");
    }

    @Test
    void eachPolicyTrainsExactlyItsDocumentedParameters() {
        EXPECTED.forEach((name, expected) -> {
            try (FptTrainer trainer = FreezingTest.trainer(Gpt2Config.tiny(), plugins.policy(name))) {
                Set<String> trained = new TreeSet<>();
                Set<String> all = new TreeSet<>();
                trainer.parameters().forEach((path, parameter) -> {
                    all.add(path.dotted());
                    if (parameter.requiresGradient()) {
                        trained.add(path.dotted());
                    }
                });
                assertThat(trained).as("policy %s", name).isEqualTo(new TreeSet<>(all.stream().filter(expected).toList()));
                if (!name.equals("full")) {
                    assertThat(trained).as("policy %s freezes something", name).hasSizeLessThan(all.size());
                }
            }
        });
    }

    @Test
    void loraAddsAdaptersToBothAttentionProjectionsOfEveryLayer() {
        try (FptTrainer trainer = FreezingTest.trainer(Gpt2Config.tiny(), plugins.policy("lora:r=4,alpha=8"))) {
            List<String> adapters = trainer.parameters().keySet().stream().map(p -> p.dotted()).filter(ADAPTERS).toList();
            assertThat(adapters).containsExactly(
                    "body.h.0.attn.c_attn.lora_a", "body.h.0.attn.c_attn.lora_b",
                    "body.h.0.attn.c_proj.lora_a", "body.h.0.attn.c_proj.lora_b",
                    "body.h.1.attn.c_attn.lora_a", "body.h.1.attn.c_attn.lora_b",
                    "body.h.1.attn.c_proj.lora_a", "body.h.1.attn.c_proj.lora_b");
            var shapes = new LinkedHashMap<String, String>();
            trainer.parameters().forEach((p, parameter) -> shapes.put(p.dotted(), parameter.getArray().getShape().toString()));
            assertThat(shapes.get("body.h.0.attn.c_attn.lora_a")).isEqualTo("(4, 64)");
            assertThat(shapes.get("body.h.0.attn.c_attn.lora_b")).isEqualTo("(192, 4)");
            // base weights keep their paths and shapes
            assertThat(shapes.get("body.h.0.attn.c_attn.weight")).isEqualTo("(192, 64)");
        }
    }

    @Test
    void policySpecsAreParsedAndCheckedByName() {
        FreezingPolicy lora = plugins.policy("lora:r=4,alpha=8");
        assertThat(lora).isInstanceOfSatisfying(PeftPolicy.class, l -> assertThat(l.method()).isInstanceOfSatisfying(LoraMethod.class, m -> {
            assertThat(m.rank()).isEqualTo(4);
            assertThat(m.alpha()).isEqualTo(8f);
        }));
        assertThat(((LoraMethod) ((PeftPolicy) plugins.policy("lora")).method()).rank()).isEqualTo(LoraMethod.DEFAULT_RANK);
        assertThatThrownBy(() -> plugins.policy("ia3:r=4")).hasMessageContaining("Policy 'ia3' takes no options");
        assertThatThrownBy(() -> plugins.policy("fpt:r=4")).hasMessageContaining("Policy 'fpt' takes no options");
        assertThatThrownBy(() -> plugins.policy("lora:rank=4")).hasMessageContaining("no option [rank]").hasMessageContaining("r, alpha");
        assertThatThrownBy(() -> plugins.policy("lora:r=x")).hasMessageContaining("option r must be a number, got 'x'");
        assertThatThrownBy(() -> plugins.policy("lora:r=0")).hasMessageContaining("r must be a positive integer");
        assertThatThrownBy(() -> plugins.policy("lora:r")).hasMessageContaining("expected name:key=value");
        assertThatThrownBy(() -> plugins.policy("lorax")).hasMessage("No policy 'lorax'. Available: " + String.join(", ", plugins.policyNames()))
                .hasMessageContaining("fpt").hasMessageContaining("ia3");
    }
}
