package io.alicemultiverse.app;

import io.alicemultiverse.library.OrganizeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LoadEmbedderOnFirstFileTest {
    @Test
    void loadsOnceOnTheFirstFileFiledAndPassesEverythingOn() {
        List<String> heard = new ArrayList<>();
        OrganizeListener next = new OrganizeListener() {
            @Override
            public void started(String run, int total) {
                heard.add("started " + total);
            }

            @Override
            public void progressed(int done, int total) {
                heard.add("progressed " + done);
            }

            @Override
            public void planned(String source, String target, String action) {
                heard.add(action + " " + source);
            }

            @Override
            public void failed(String path, String error) {
                heard.add("failed " + path);
            }

            @Override
            public void noted(String path, String note) {
                heard.add("noted " + path);
            }

            @Override
            public void waiting(String who) {
                heard.add("waiting " + who);
            }
        };
        AtomicInteger loads = new AtomicInteger();
        OrganizeListener l = new LoadEmbedderOnFirstFile(next, loads::incrementAndGet);
        l.started("r", 4);
        l.planned("a", "x", "duplicate");
        l.failed("b", "bad");
        assertThat(loads).hasValue(0); // nothing new to embed yet
        l.planned("c", "y", "copy");
        l.planned("d", "z", "move");
        l.progressed(4, 4);
        l.noted("e.xmp", "XMP sidecar without its file; left in the inbox"); // a watch's notes reach its output
        l.waiting("organize from host-b");
        assertThat(loads).hasValue(1);
        assertThat(heard).containsExactly("started 4", "duplicate a", "failed b", "copy c", "move d", "progressed 4",
                "noted e.xmp", "waiting organize from host-b");
    }
}
