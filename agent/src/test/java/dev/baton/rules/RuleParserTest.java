package dev.baton.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.baton.config.BatonConfig;
import dev.baton.instrument.MethodTarget;

class RuleParserTest {
    private static Result parse(String args) {
        RuleSpecs.Parsed parsed = RuleSpecs.fromConfig(BatonConfig.load(args, Map.of(), Map.of()));
        return new Result(parsed.specs().stream().map(RuleParser::compile).toList(), parsed.problems());
    }

    private record Result(List<Rule> rules, List<dev.baton.config.Problem> problems) {
    }

    @Test
    void aLockRuleWithKeyAndDone() throws Exception {
        Result result = parse("rules.plugins.method=com.acme.Repo#install(java.lang.String,int),"
                + "rules.plugins.action=lock,rules.plugins.key=arg0,rules.plugins.done=/opt/${arg0}/ok,"
                + "rules.plugins.timeout=2m,rules.plugins.onTimeout=proceed");
        assertEquals(List.of(), result.problems());
        Rule rule = result.rules().get(0);
        assertEquals(new MethodTarget("com.acme.Repo", "install", "(Ljava/lang/String;I)"), rule.target());
        assertEquals(Rule.Action.LOCK, rule.action());
        assertEquals("left-pad", rule.key().evaluate(null, new Object[] {"left-pad", 1}));
        assertEquals("/opt/left-pad/ok", rule.done().evaluate(null, new Object[] {"left-pad", 1}));
        assertEquals(Duration.ofMinutes(2), rule.timeout());
        assertEquals("proceed", rule.onTimeout());
    }

    @Test
    void aRetryRuleNeedsExceptionTypes() {
        Result result = parse("rules.fetch.method=com.acme.Client#fetch,rules.fetch.action=retry");
        assertTrue(result.rules().isEmpty());
        assertEquals("invalid rule baton.rules.fetch.retryOn=: expected exception class names to retry on (required"
                + " with action=retry)", result.problems().get(0).message());
    }

    @Test
    void eachBadRuleIsOneProblemAndGoodRulesStay() {
        Result result = parse("rules.a.method=com.acme.A#run,rules.a.action=frobnicate,"
                + "rules.b.method=com.acme.B#<init>,rules.b.action=lock,"
                + "rules.c.method=com.acme.C#go,rules.c.action=offload,"
                + "rules.d.method=com.acme.D#go(Strin g),rules.d.action=lock,"
                + "rules.e.methd=com.acme.E#go");
        assertEquals(1, result.rules().size());
        assertEquals("rule c", result.rules().get(0).name());
        List<String> messages = result.problems().stream().map(Object::toString).toList();
        assertEquals(4, messages.size(), messages.toString());
        assertTrue(messages.contains("invalid rule baton.rules.a.action=frobnicate: expected one of lock, retry,"
                + " offload (No enum constant dev.baton.rules.Rule.Action.FROBNICATE)"), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("invalid rule baton.rules.b.method=com.acme.B#<init>")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("invalid rule baton.rules.d.method=")));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("invalid rule baton.rules.e.methd=com.acme.E#go:"
                + " expected a key baton.rules.NAME.PROPERTY")));
    }

    @Test
    void signaturesBecomeParameterDescriptors() {
        assertEquals("([Ljava/lang/String;J[[I)", MethodSignature.parse("a.B#m(String[],long,int[][])").descriptor());
        assertEquals("(Lcom/acme/Outer$Inner;)", MethodSignature.parse("a.B#m(com.acme.Outer$Inner)").descriptor());
        assertNull(MethodSignature.parse("a.B#m").descriptor());
        assertThrows(IllegalArgumentException.class, () -> MethodSignature.parse("a.B#m(List)"));
        assertThrows(IllegalArgumentException.class, () -> MethodSignature.parse("a.B"));
        MethodTarget any = MethodSignature.parse("a.B#m(int)");
        assertTrue(any.matches("m", "(I)V"));
        assertTrue(any.matches("m", "(I)Ljava/lang/String;"));
        assertTrue(!any.matches("m", "(J)V"));
    }

    @Test
    void expressionsReachMembersOfArguments() throws Exception {
        Object[] args = {java.nio.file.Path.of("/tmp/a.txt"), "x"};
        assertEquals("a.txt", ArgumentExpression.parse("arg0.fileName").evaluate(null, args));
        assertEquals("/tmp/a.txt", ArgumentExpression.parse("arg0.toString").evaluate(null, args));
        assertEquals("k-x-1", ArgumentExpression.parse("k-${arg1}-${arg1.length}").evaluate(null, args));
        assertEquals(1, ArgumentExpression.parse("${arg1}/${arg0}").highestArgument());
        assertThrows(IllegalArgumentException.class, () -> ArgumentExpression.parse("argument0"));
    }

    @Test
    void aRecipeFileYieldsRuleStyleSpecsOfOriginRecipeAndIgnoresItsMetadata() {
        RuleSpecs.Parsed parsed = RuleSpecs.fromRecipe("maven-wrapper", Map.of(
                "tool", "Apache Maven Wrapper", "versions", "3.3.4",
                "rules.createDist.method", "org.apache.maven.wrapper.Installer#createDist("
                        + "org.apache.maven.wrapper.WrapperConfiguration)",
                "rules.createDist.action", "lock", "rules.createDist.key", "arg0.distribution",
                "rules.broken.method", "a.B#c", "rules.broken.action", "lockk"));
        assertEquals(1, parsed.specs().size(), parsed.toString());
        dev.baton.core.HookSpec spec = parsed.specs().get(0);
        assertEquals(dev.baton.core.HookSpec.Origin.RECIPE, spec.origin());
        assertEquals("recipe maven-wrapper/createDist", spec.label());
        // One lock scope per recipe: hooks of one tool touching the same thing meet on one key.
        assertEquals("recipe:maven-wrapper", RuleParser.compile(spec).lockScope());
        assertEquals(1, parsed.problems().size(), parsed.problems().toString());
        assertTrue(parsed.problems().get(0).message().startsWith("invalid rule recipe maven-wrapper: "
                + "rules.broken.action=lockk: expected one of lock, retry, offload"), parsed.problems().toString());
    }

    /** A tool's context, as keys meet it: a protected field of a superclass, a private field, an isX getter. */
    abstract static class Tool {
        protected final Context ctx = new Context();
    }

    static final class Context {
        private final String jarFile = "lib/tool.jar";

        private boolean isOffline() {
            return true;
        }
    }

    static final class JarTool extends Tool {
    }

    @Test
    void expressionsReadNonPublicMembersOfSuperclasses() throws Exception {
        Object self = new JarTool();
        assertEquals("lib/tool.jar", ArgumentExpression.parse("this.ctx.jarFile").evaluate(self, new Object[0]));
        assertEquals("true", ArgumentExpression.parse("this.ctx.offline").evaluate(self, new Object[0]));
        ReflectiveOperationException missing = assertThrows(ReflectiveOperationException.class,
                () -> ArgumentExpression.parse("this.ctx.jarPath").evaluate(self, new Object[0]));
        assertTrue(missing.getMessage().contains("jarPath"), missing.getMessage());
    }
}
