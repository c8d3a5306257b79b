package org.rosebench.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rosebench.attacks.spi.SynonymSource;
import org.rosebench.attacks.text.AttackedText;
import org.rosebench.core.data.Example;
import org.rosebench.core.data.Task;

class AttackExampleTest {

    @Test
    void coreExamplesGetTheTasksColumnNames() {
        AttackExample mnli = AttackExample.of(new Example(7, "A man sleeps.", "He rests.", 0), Task.MNLI);
        assertEquals("7", mnli.id());
        assertEquals(List.of("premise", "hypothesis"), mnli.columnNames());
        assertEquals(List.of("A man sleeps.", "He rests."), mnli.texts());
        assertEquals(List.of("sentence"), AttackExample.of(new Example(1, "Fine.", null, 1), Task.SST2).columnNames());
        assertEquals(List.of("question", "sentence"),
                AttackExample.of(new Example(2, "Who?", "Him.", 1), Task.QNLI).columnNames());
    }

    @Test
    void lazyResourcesAreCreatedOnceAndOnlyWhenAsked() {
        AtomicInteger created = new AtomicInteger();
        AttackResources resources = AttackResources.builder()
                .lazy(SynonymSource.class, () -> {
                    created.incrementAndGet();
                    return word -> List.of();
                })
                .build();
        assertEquals(0, created.get());
        SynonymSource first = resources.synonymSource();
        assertSame(first, resources.synonymSource());
        assertEquals(1, created.get());
        assertEquals(266, resources.stopwords(AttackResources.TEXTFOOLER).size());
    }

    @Test
    void columnsMap() {
        AttackedText t = AttackedText.of(List.of("premise", "hypothesis"), List.of("a", "b"));
        assertEquals("{premise=a, hypothesis=b}", t.columns().toString());
    }
}
