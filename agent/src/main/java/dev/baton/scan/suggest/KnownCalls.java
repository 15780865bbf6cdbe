package dev.baton.scan.suggest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JDK and library calls the analysis understands, as data: which ones check a path, which act on one, which
 * compute a path from another, which read the network or an archive. Arguments are numbered as in the call's value
 * list: for instance methods and constructors 0 is the receiver.
 */
final class KnownCalls {
    enum Role {
        /** Tests a path (exists, isDirectory, size, a listing). */
        CHECK,
        /** Changes a path (write, copy, move, delete, start a process on it). */
        ACT,
        /** Returns a path, or a path's text, derived from argument {@code args[0]} (same place or a neighbour). */
        PATH,
        /** The receiver takes in the arguments' origins (a list gets an element, a ProcessBuilder a directory). */
        ABSORB,
        /** Walks a tree with a visitor: acts on argument 0 as the visitor's methods act on their path. */
        WALK
    }

    /** One understood call. {@code desc} is a descriptor prefix, or null for every overload. */
    record Spec(Role role, String owner, String name, String desc, int[] args, Meaning meaning, ActKind act) {
        boolean matches(String callDesc) {
            return desc == null || callDesc.startsWith(desc);
        }

        String what() {
            return name.equals("<init>") ? "new " + Origin.simpleName(owner) : Origin.simpleName(owner) + "." + name;
        }
    }

    private static final String FILES = "java/nio/file/Files";
    private static final String PATH = "java/nio/file/Path";
    private static final String FILE = "java/io/File";
    private static final String FILE_UTILS = "org/apache/commons/io/FileUtils";
    private static final String PATH_UTILS = "org/apache/commons/io/file/PathUtils";

    private static final Map<String, List<Spec>> BY_NAME = new HashMap<>();

    private static final List<String> NETWORK_OWNERS = List.of("java/net/http/", "org/apache/http/",
            "org/apache/hc/", "okhttp3/", "org/eclipse/jetty/client/", "com/google/api/client/http/");
    private static final List<String> ARCHIVE_OWNERS = List.of("java/util/zip/ZipFile", "java/util/zip/ZipInputStream",
            "java/util/zip/GZIPInputStream", "java/util/jar/JarFile", "java/util/jar/JarInputStream",
            "org/apache/commons/compress/", "org/codehaus/plexus/archiver/", "org/rauschig/jarchivelib/");

    static {
        // Checks.
        for (String name : new String[] {"exists"}) {
            check(FILES, name, 0, Meaning.PRESENT_IF_TRUE);
            check(FILE, name, 0, Meaning.PRESENT_IF_TRUE);
        }
        check(FILES, "notExists", 0, Meaning.ABSENT_IF_TRUE);
        check(FILES, "isDirectory", 0, Meaning.PRESENT_IF_TRUE);
        check(FILES, "isRegularFile", 0, Meaning.PRESENT_IF_TRUE);
        check(FILES, "size", 0, Meaning.PRESENT_IF_TRUE);
        check(FILES, "list", 0, Meaning.PRESENT_IF_TRUE);
        check(FILES, "newDirectoryStream", 0, Meaning.PRESENT_IF_TRUE);
        check(FILE, "isDirectory", 0, Meaning.PRESENT_IF_TRUE);
        check(FILE, "isFile", 0, Meaning.PRESENT_IF_TRUE);
        check(FILE, "length", 0, Meaning.PRESENT_IF_TRUE);
        check(FILE, "list", 0, Meaning.PRESENT_IF_TRUE);
        check(FILE, "listFiles", 0, Meaning.PRESENT_IF_TRUE);
        check(FILE_UTILS, "isEmptyDirectory", 0, Meaning.ABSENT_IF_TRUE);
        check(FILE_UTILS, "sizeOf", 0, Meaning.PRESENT_IF_TRUE);
        check(FILE_UTILS, "listFiles", 0, Meaning.PRESENT_IF_TRUE);
        check(PATH_UTILS, "isEmpty", 0, Meaning.ABSENT_IF_TRUE);
        check(PATH_UTILS, "isEmptyDirectory", 0, Meaning.ABSENT_IF_TRUE);

        // Acts.
        act(FILES, "copy", "(Ljava/io/InputStream;", ActKind.WRITE, 1);
        act(FILES, "copy", "(Ljava/nio/file/Path;Ljava/nio/file/Path;", ActKind.COPY, 1);
        act(FILES, "move", null, ActKind.MOVE, 0, 1);
        act(FILES, "delete", null, ActKind.DELETE, 0);
        act(FILES, "deleteIfExists", null, ActKind.DELETE, 0);
        for (String name : new String[] {"write", "writeString", "newOutputStream", "newBufferedWriter", "createFile",
                "createLink", "createSymbolicLink"}) {
            act(FILES, name, null, ActKind.WRITE, 0);
        }
        act(FILE, "delete", null, ActKind.DELETE, 0);
        act(FILE, "renameTo", null, ActKind.MOVE, 0, 1);
        for (String owner : new String[] {"java/io/FileOutputStream", "java/io/FileWriter", "java/io/PrintWriter",
                "java/io/PrintStream"}) {
            act(owner, "<init>", "(Ljava/io/File;", ActKind.WRITE, 1);
            act(owner, "<init>", "(Ljava/lang/String;", ActKind.WRITE, 1);
        }
        act(FILE_UTILS, "copyURLToFile", null, ActKind.DOWNLOAD, 1);
        for (String name : new String[] {"copyInputStreamToFile", "copyToFile"}) {
            act(FILE_UTILS, name, null, ActKind.WRITE, 1);
        }
        for (String name : new String[] {"writeByteArrayToFile", "writeStringToFile", "write", "writeLines",
                "openOutputStream", "touch"}) {
            act(FILE_UTILS, name, null, ActKind.WRITE, 0);
        }
        for (String name : new String[] {"copyFile", "copyFileToDirectory", "copyDirectory",
                "copyDirectoryToDirectory", "copyToDirectory"}) {
            act(FILE_UTILS, name, null, ActKind.COPY, 1);
        }
        for (String name : new String[] {"moveFile", "moveDirectory", "moveFileToDirectory",
                "moveDirectoryToDirectory", "moveToDirectory"}) {
            act(FILE_UTILS, name, null, ActKind.MOVE, 0, 1);
        }
        for (String name : new String[] {"deleteDirectory", "forceDelete", "deleteQuietly", "cleanDirectory"}) {
            act(FILE_UTILS, name, null, ActKind.DELETE, 0);
        }
        act("java/lang/ProcessBuilder", "start", null, ActKind.PROCESS, 0);
        act("java/lang/Runtime", "exec", null, ActKind.PROCESS, 1, 2, 3);

        // Paths derived from paths: the result names the same place or a neighbour of it.
        for (String name : new String[] {"resolve", "resolveSibling", "getParent", "normalize", "toAbsolutePath",
                "toRealPath", "toFile", "toString", "toUri", "getFileName"}) {
            path(PATH, name, null, 0);
        }
        path(PATH, "of", null, 0);
        path("java/nio/file/Paths", "get", null, 0);
        path(FILE, "<init>", null, 1);
        for (String name : new String[] {"getParentFile", "getAbsoluteFile", "getCanonicalFile", "getPath",
                "getAbsolutePath", "getCanonicalPath", "toPath", "toString", "getParent", "toURI", "getName"}) {
            path(FILE, name, null, 0);
        }
        path("java/net/URI", "<init>", "(Ljava/lang/String;)", 1);
        path("java/net/URL", "<init>", "(Ljava/lang/String;)", 1);
        path("java/net/URI", "create", null, 0);
        for (String name : new String[] {"toURL", "resolve", "toString", "toASCIIString"}) {
            path("java/net/URI", name, null, 0);
        }
        for (String name : new String[] {"toURI", "toString", "toExternalForm"}) {
            path("java/net/URL", name, null, 0);
        }
        path("java/lang/String", "valueOf", "(Ljava/lang/Object;)", 0);
        path(FILE_UTILS, "getFile", null, 0);
        path("org/apache/commons/io/FilenameUtils", null, null, 0);

        // Containers and builders that collect paths: a command line, a list of directories.
        absorb("java/lang/ProcessBuilder", "<init>");
        absorb("java/lang/ProcessBuilder", "directory");
        absorb("java/lang/ProcessBuilder", "command");
        absorb("java/lang/StringBuilder", "<init>");
        absorb("java/lang/StringBuffer", "<init>");
        for (String name : new String[] {"add", "addAll", "push", "offer", "addFirst", "addLast", "put", "set"}) {
            absorb("java/util/List", name);
            absorb("java/util/ArrayList", name);
            absorb("java/util/LinkedList", name);
            absorb("java/util/Collection", name);
            absorb("java/util/Set", name);
            absorb("java/util/HashSet", name);
            absorb("java/util/Deque", name);
            absorb("java/util/ArrayDeque", name);
        }
        absorb("java/util/ArrayList", "<init>");
        absorb("java/util/LinkedList", "<init>");
        absorb("java/util/Arrays", "asList");
        absorb("java/util/List", "of");

        BY_NAME.computeIfAbsent("walkFileTree", n -> new ArrayList<>())
                .add(new Spec(Role.WALK, FILES, "walkFileTree", null, new int[] {0}, null, null));
    }

    private KnownCalls() {
    }

    /** The specs for a call, in table order; empty when the call is not understood. */
    static List<Spec> lookup(String owner, String name, String desc) {
        List<Spec> found = new ArrayList<>(2);
        for (String key : new String[] {name, "*"}) {
            for (Spec spec : BY_NAME.getOrDefault(key, List.of())) {
                if (spec.owner.equals(owner) && spec.matches(desc)) {
                    found.add(spec);
                }
            }
        }
        return found;
    }

    /** A call that checks or acts on a file (or walks a tree that may): what makes a method worth analysing. */
    static boolean touchesFiles(String owner, String name, String desc) {
        for (Spec spec : lookup(owner, name, desc)) {
            if (spec.role() == Role.CHECK || spec.role() == Role.ACT || spec.role() == Role.WALK) {
                return true;
            }
        }
        return false;
    }

    /** A call that reads from the network: writes in the same method are downloads. */
    static boolean network(String owner, String name) {
        if (owner.equals("java/net/URL") && (name.equals("openStream") || name.equals("openConnection"))
                || owner.endsWith("URLConnection") && name.equals("getInputStream")
                || owner.equals(FILE_UTILS) && name.equals("copyURLToFile")) {
            return true;
        }
        for (String prefix : NETWORK_OWNERS) {
            if (owner.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** A class that reads archives: writes in the same method are extraction. */
    static boolean archive(String owner) {
        for (String prefix : ARCHIVE_OWNERS) {
            if (owner.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void check(String owner, String name, int arg, Meaning meaning) {
        add(new Spec(Role.CHECK, owner, name, null, new int[] {arg}, meaning, null));
    }

    private static void act(String owner, String name, String desc, ActKind kind, int... args) {
        add(new Spec(Role.ACT, owner, name, desc, args, null, kind));
    }

    private static void path(String owner, String name, String desc, int arg) {
        add(new Spec(Role.PATH, owner, name == null ? "*" : name, desc, new int[] {arg}, null, null));
    }

    private static void absorb(String owner, String name) {
        add(new Spec(Role.ABSORB, owner, name, null, new int[0], null, null));
    }

    private static void add(Spec spec) {
        BY_NAME.computeIfAbsent(spec.name, n -> new ArrayList<>()).add(spec);
    }
}
