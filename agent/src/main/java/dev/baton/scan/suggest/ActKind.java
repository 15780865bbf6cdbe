package dev.baton.scan.suggest;

/** What an act does to its path, strongest race first (a duplicated download or a half-extracted tree). */
enum ActKind {
    DOWNLOAD("download", 30),
    EXTRACT("archive extraction", 25),
    PROCESS("process start", 20),
    WRITE("write", 8),
    COPY("copy", 8),
    MOVE("move", 8),
    DELETE("delete", 0);

    final String text;
    /** How much an unguarded act of this kind adds to a finding's confidence. */
    final int weight;

    ActKind(String text, int weight) {
        this.text = text;
        this.weight = weight;
    }

    /** A write inside code that reads the network is a download; inside code that reads an archive, extraction. */
    ActKind in(boolean network, boolean archive) {
        if (this == WRITE || this == COPY) {
            return network ? DOWNLOAD : archive ? EXTRACT : this;
        }
        return this;
    }
}
