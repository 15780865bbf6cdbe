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
        List<InstallCommand> installs = parser.parse(List.of(command), work);
        assertTrue(installs.size() <= 1, installs.toString());
        return installs.stream().findFirst();
    }

    private Path dir(String relative) {
        return InstallCommandParser.canonical(work.resolve(relative));
    }

    @Test
    void shellScriptsAreReadThrough() {
        assertEquals(Optional.of(new InstallCommand("npm", "install", dir("."))),
                parse("sh", "-c", "npm install left-pad"));
        assertEquals(Optional.of(new InstallCommand("npm", "ci", dir("web"))),
                parse("/bin/bash", "-lc", "cd web && npm ci"));
        assertEquals(Optional.of(new InstallCommand("pip", "install", dir("site"))), parse("bash", "--login", "-e",
                "-c", "python3 -m pip install --target 'site' \"requests\" >pip.log 2>&1"));
        assertEquals(Optional.of(new InstallCommand("yarn", "add", dir("a b"))),
                parse("sh", "-c", "CI=true exec yarn --cwd \"a b\" add x", "sh"));
        assertEquals(Optional.of(new InstallCommand("npm", "i", dir("inner"))),
                parse("sh", "-c", "sh -c 'cd inner && npm i'"), "a shell inside a shell");
    }

    @Test
    void aChainThatInstallsIntoTwoDirectoriesLocksBoth() {
        List<InstallCommand> installs = parser.parse(List.of("bash", "-c",
                "cd b && npm ci && cd ../a && pnpm install && npm run build"), work);
        assertEquals(List.of(new InstallCommand("pnpm", "install", dir("a")),
                new InstallCommand("npm", "ci", dir("b"))), installs,
                "sorted by directory: every process takes the locks in the same order");
    }

    @Test
    void scriptsWhoseMeaningDependsOnTheShellAreNotGuessed() {
        for (String script : List.of("npm install; npm ci", "npm install || true", "cat x | npm install",
                "npm install &", "cd $HOME/app && npm ci", "npm install --prefix \"$P\"", "(npm install)",
                "cd ~/app && npm ci", "echo `npm ci`", "npm install 'unterminated", "npm run build",
                "npm install\nnpm ci")) {
            assertTrue(parse("sh", "-c", script).isEmpty(), script);
        }
        assertTrue(parse("sh", "install.sh").isEmpty(), "a script file is not read");
        assertEquals(Optional.of(new InstallCommand("npm", "ci", dir("."))),
                parse("sh", "-c", "npm ci && cd && npm i x"), "what comes before a cd to an unknown place is locked");
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
        // A bare yarn installs, but not when it is only asked for its version or help.
        assertTrue(parse("yarn", "--version").isEmpty());
        assertTrue(parse("yarn", "-v").isEmpty());
        assertTrue(parse("yarn", "--help").isEmpty());
        assertTrue(parse("yarn", "-h").isEmpty());
        assertEquals("install", parse("yarn", "--frozen-lockfile").orElseThrow().action());
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
        assertEquals(Path.of("/yarn-global"), parse("yarn", "global", "add", "x").orElseThrow().directory());
        assertEquals(Path.of("/yarn-global"), parse("yarn", "--offline", "global", "remove", "x").orElseThrow()
                .directory());
        assertEquals(Path.of("/pnpm-global"), parse("pnpm", "add", "-g", "x").orElseThrow().directory());
        assertTrue(parse("yarn", "global", "list").isEmpty(), "listing changes nothing");
    }
}
