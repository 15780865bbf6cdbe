package dev.baton.it.apps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Downloads with {@code HttpClient.send(request, ofFile(target))} into a target that has a second hard link (a
 * content store's entry, a shared cache), then prints what each name holds and whether they are still one file.
 *
 * <p>Usage: HardLinkedDownloadApp URL TARGET ALIAS (both names exist and are one file)
 */
public final class HardLinkedDownloadApp {
    private HardLinkedDownloadApp() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[1]);
        Path alias = Path.of(args[2]);
        HttpResponse<Path> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(args[0])).build(), HttpResponse.BodyHandlers.ofFile(target));
        System.out.println("status " + response.statusCode());
        System.out.println("target " + Files.readString(target));
        System.out.println("alias " + Files.readString(alias));
        System.out.println("one file " + Files.isSameFile(target, alias));
    }
}
