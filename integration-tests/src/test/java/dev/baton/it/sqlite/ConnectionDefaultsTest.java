package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.SqliteSettings;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm.Result;

/** Baton's connection defaults apply only where the application chose nothing, in the URL or in Properties. */
class ConnectionDefaultsTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    private String settings(boolean agent, String agentArgs, String urlSuffix) throws Exception {
        String url = "jdbc:sqlite:" + work.resolve("settings.db") + urlSuffix;
        ChildJvm child = ChildJvm.on(jdk, work).classPath(Artifacts.samplesClassPath() + java.io.File.pathSeparator
                + Artifacts.testClasses()).main(SqliteSettings.class.getName(), url);
        if (!agent) {
            child.withoutAgent();
        } else if (agentArgs != null) {
            child.agentArgs(agentArgs);
        }
        Result result = child.run(60);
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout().strip();
    }

    @Test
    void busyTimeoutIsBatonsOnlyWhenTheApplicationSetNone() throws Exception {
        assertEquals("busy_timeout=3000 journal_mode=delete synchronous=2", settings(false, null, ""));
        assertEquals("busy_timeout=5000 journal_mode=delete synchronous=2", settings(true, null, ""));
        assertEquals("busy_timeout=1234 journal_mode=delete synchronous=2",
                settings(true, null, "?busy_timeout=1234"));
        assertEquals("busy_timeout=750 journal_mode=delete synchronous=2",
                settings(true, "sqlite.busyTimeout=750ms", ""));
    }

    @Test
    void walWithNormalSyncOnlyWhenConfiguredAndNotChosenByTheApplication() throws Exception {
        assertEquals("busy_timeout=5000 journal_mode=wal synchronous=1",
                settings(true, "sqlite.journalMode=wal", ""));
        assertEquals("busy_timeout=5000 journal_mode=wal synchronous=2",
                settings(true, "sqlite.journalMode=wal", "?synchronous=FULL"));
    }

    @Test
    void applicationsJournalModeWins() throws Exception {
        assertEquals("busy_timeout=5000 journal_mode=truncate synchronous=2",
                settings(true, "sqlite.journalMode=wal", "?journal_mode=TRUNCATE"));
    }
}
