package dev.baton.sqlite;

/**
 * The process that took a database's write turn last, as its queue file says. The file may have been written by
 * another user: its content is data, accepted only as a number, an '@' and a plain host name.
 */
record TurnHolder(long pid, String host) {
    private static final int MAX_LENGTH = 128;

    static TurnHolder parse(String record) {
        String text = record.strip();
        int at = text.indexOf('@');
        if (at <= 0 || at > 19 || at == text.length() - 1 || text.length() > MAX_LENGTH) {
            return null;
        }
        String pid = text.substring(0, at);
        String host = text.substring(at + 1);
        if (!pid.chars().allMatch(c -> c >= '0' && c <= '9') || !host.chars().allMatch(TurnHolder::hostCharacter)) {
            return null;
        }
        return new TurnHolder(Long.parseLong(pid), host);
    }

    private static boolean hostCharacter(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-'
                || c == '_';
    }

    @Override
    public String toString() {
        return "pid " + pid + " on host " + host;
    }
}
