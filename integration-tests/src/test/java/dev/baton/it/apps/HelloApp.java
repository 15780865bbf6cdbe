package dev.baton.it.apps;

/** The smallest application: proves the agent let main run. */
public final class HelloApp {
    private HelloApp() {
    }

    public static void main(String[] args) {
        System.out.println("main ran");
    }
}
