package dev.baton.scan;

/**
 * Decides whether a call site reaches something Baton changes and how scan tags it. A call of
 * {@code ProcessBuilder.start} is an install only when the command it starts could be a package manager; the
 * install feature judges that from the calling method's constants.
 */
@FunctionalInterface
public interface CallSiteJudge {
    /** Every call site counts; no extra tag. */
    CallSiteJudge ALWAYS = caller -> Verdict.YES;

    Verdict judge(CallerFacts caller);

    /**
     * @param reported whether scan lists the call site at all
     * @param note appended to the tag: "npm", or "maybe: the command is built outside this method"; empty for none
     */
    record Verdict(boolean reported, String note) {
        public static final Verdict YES = new Verdict(true, "");
        public static final Verdict NO = new Verdict(false, "");

        public static Verdict yes(String note) {
            return new Verdict(true, note);
        }
    }
}
