package dev.baton.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallCommandParserTest {
    @TempDir
    Path work;

    private final InstallCommandParser parser = new InstallCommandParser(List.of("uv"));

    private Optional<InstallCommand> parse(String... command) {
        return parser.parse(List.of(command), work);
    }

    @Test
    void npmInstallLocksTheWorkingDirectory() {
        InstallCommand npm = parse("/usr/bin/npm", "install", "left-pad").orElseThrow();
        assertEquals("npm install", npm.describe());
        assertEquals(InstallCommandParser.canonical(work), npm.directory());
    }

    @Test
    void prefixOptionsNameTheDirectoryBeforeOrAfterTheSubcommand() {
        assertEquals(InstallCommandParser.canonical(work.resolve("shared")),
                parse("npm", "--prefix", "shared", "ci").orElseThrow().directory());
        assertEquals(InstallCommandParser.canonical(work.resolve("p")),
                parse("npm", "i", "--prefix=p", "x.tgz").orElseThrow().directory());
        assertEquals(InstallCommandParser.canonical(work.resolve("d")),
                parse("pnpm", "-C", "d", "add", "x").orElseThrow().directory());
        assertEquals(InstallCommandParser.canonical(work.resolve("w")),
                parse("yarn", "--cwd", "w").orElseThrow().directory());
        assertEquals(InstallCommandParser.canonical(work.resolve("site")),
                parse("python3", "-m", "pip", "install", "--target", "site", "requests").orElseThrow().directory());
    }

    @Test
    void readOnlyCommandsAreNotInstalls() {
        assertTrue(parse("npm", "ls").isEmpty());
        assertTrue(parse("npm", "--prefix", "install", "view", "x").isEmpty());
        assertTrue(parse("pip", "list").isEmpty());
        assertTrue(parse("git", "install").isEmpty());
        assertTrue(parse("python3", "script.py").isEmpty());
    }

    @Test
    void windowsStyleExecutableNamesAreRecognised() {
        assertEquals("npm", parse("C:\\node\\NPM.CMD", "ci").map(InstallCommand::tool).orElse("none"));
    }

    @Test
    void configuredCommandsAlwaysLockTheirWorkingDirectory() {
        assertEquals("uv", parse("uv", "sync").orElseThrow().describe());
    }

    @Test
    void globalAndEnvironmentInstallsShareOneKeyPerTool() {
        assertEquals(Path.of("/npm-global"), parse("npm", "install", "-g", "x").orElseThrow().directory());
        assertEquals(Path.of("/pip-environment"), parse("pip", "install", "x").orElseThrow().directory());
    }
}
