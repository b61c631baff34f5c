package io.alicemultiverse.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration file: its settings apply, and a misspelt key or a bad value is an error naming it. */
class ConfigTest {
    @TempDir
    Path tmp;

    @Test
    void knownKeysApply() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), "inbox: /in\nlibrary: /lib\nlayout: \"{name}{ext}\"\n"
                + "xmp: true\nunderstanding:\n  provider: openai\nmcp:\n  allow: []\n");
        Config c = Config.load(f, Map.of("HOME", tmp.toString()));
        assertThat(c.library()).isEqualTo(Path.of("/lib"));
        assertThat(c.layout()).isEqualTo("{name}{ext}");
        assertThat(c.xmp()).isTrue();
    }

    @Test
    void aMisspeltKeyIsAnErrorNamingIt() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), "inbox: /in\nlayuot: \"{name}{ext}\"\n");
        assertThatThrownBy(() -> Config.load(f, Map.of("HOME", tmp.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown key 'layuot'")
                .hasMessageContaining(f.toString());
    }

    @Test
    void xmpMustBeABoolean() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), "xmp: maybe\n");
        assertThatThrownBy(() -> Config.load(f, Map.of("HOME", tmp.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xmp must be true or false");
    }

    @Test
    void aCatalogPasswordInTheFileIsRefusedWithoutShowingIt() throws Exception {
        Path f = Files.writeString(tmp.resolve("c.yaml"), "catalog: postgresql://alice:s3cret@nas:5432/studio\n");
        assertThatThrownBy(() -> Config.load(f, Map.of("HOME", tmp.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(f.toString())
                .hasMessageContaining("~/.pgpass or PGPASSWORD").message().doesNotContain("s3cret");
        Path ok = Files.writeString(tmp.resolve("ok.yaml"), "catalog: postgresql://alice@nas:5432/studio\n");
        assertThat(Config.load(ok, Map.of("HOME", tmp.toString())).catalog()).isEqualTo("postgresql://alice@nas:5432/studio");
    }
}
