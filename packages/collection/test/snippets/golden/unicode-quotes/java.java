import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

public class Main {
    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder()
            .uri(URI.create("https://api.example.com/anything/%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9?emoji=%F0%9F%98%80&quote=%22it%27s%22&dollar=$HOME"))
            .header("X-Quotes", "it's \"quoted\" \\ back $HOME #{x} ${x} %s")
            .header("X-Empty", "")
            .header("Content-Type", "text/plain")
            .method("PATCH", HttpRequest.BodyPublishers.ofString("Gr\u00FC\u00DFe \uD83D\uDE00 \"double\" 'single' \\ back\\slash $HOME ${x} #{x} {x} %d\n\ttab\r\nline \u2028 end", StandardCharsets.UTF_8))
            .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode());
        System.out.println(response.body());
    }
}
