package org.fpt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;

/** The fenced Java files of the project's Markdown, compiled with javac as a reader would compile them. */
final class JavaSnippets {
    static final Path ROOT = Path.of("..");
    private static final Pattern TYPE = Pattern.compile("public (?:final |abstract )?(?:class|interface|record|enum) (\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    private JavaSnippets() {
    }

    /** The text of {@code file} (relative to the project root) from {@code heading} up to the next heading of its level. */
    static String section(String file, String heading) throws IOException {
        String text = Files.readString(ROOT.resolve(file));
        int start = text.indexOf(heading + "\n");
        assertThat(start).as(heading + " in " + file).isNotNegative();
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int next = text.indexOf("\n" + level, start + heading.length());
        return text.substring(start, next < 0 ? text.length() : next);
    }

    /** Every fenced block of {@code language} in {@code markdown}, in order. */
    static List<String> blocks(String markdown, String language) {
        return Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(markdown).results()
                .map(m -> m.group(1)).toList();
    }

    /** The public type a Java file declares: the name its file must have. */
    static String qualifiedName(String source) {
        Matcher type = TYPE.matcher(source);
        assertThat(type.find()).as("a public type in:\n" + source).isTrue();
        Matcher pkg = PACKAGE.matcher(source);
        return pkg.find() ? pkg.group(1) + "." + type.group(1) : type.group(1);
    }

    /** Compiles {@code sources} together against {@code classpath} into a new directory under {@code work}. */
    static Path compile(Path work, List<String> sources, String classpath) throws IOException {
        Path sourceRoot = Files.createTempDirectory(work, "src");
        Path classes = Files.createTempDirectory(work, "classes");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:none", "-classpath", classpath, "-d", classes.toString()));
        for (String source : sources) {
            Path file = sourceRoot.resolve(qualifiedName(source).replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            args.add(Files.writeString(file, source).toString());
        }
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(exit).as("javac exit code for " + sources.stream().map(JavaSnippets::qualifiedName).toList()).isZero();
        return classes;
    }

    /** The jars or class directories {@code types} were loaded from, as a class path. */
    static String classpathOf(Class<?>... types) {
        return Arrays.stream(types).map(t -> {
            try {
                return Path.of(t.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.joining(File.pathSeparator));
    }
}
