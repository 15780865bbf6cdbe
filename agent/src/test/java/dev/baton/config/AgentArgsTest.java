package dev.baton.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AgentArgsTest {
    @Test
    void splitsOnCommasOutsideParenthesesAndAddsThePrefix() {
        Map<String, String> args = AgentArgs.parse("lock.timeout=5s, baton.log.level=debug,"
                + "rules.a.method=com.acme.Repo#install(java.lang.String,int),enabled");
        assertEquals(Map.of("baton.lock.timeout", "5s", "baton.log.level", "debug",
                "baton.rules.a.method", "com.acme.Repo#install(java.lang.String,int)", "baton.enabled", "true"), args);
    }

    @Test
    void emptyArgumentsAreNoSettings() {
        assertEquals(Map.of(), AgentArgs.parse(null));
        assertEquals(Map.of(), AgentArgs.parse(" "));
    }
}
