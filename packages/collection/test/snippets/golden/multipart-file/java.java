import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

public class Main {
    public static void main(String[] args) throws Exception {
        // java.net.http has no multipart encoder, so the body is written part by part.
        String boundary = "PosternBoundary" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.write(("--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"title\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write("A \"quoted\" title".getBytes(StandardCharsets.UTF_8));
        form.write("\r\n".getBytes(StandardCharsets.UTF_8));
        form.write(("--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"document\"; filename=\"hello.txt\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(Files.readAllBytes(Path.of("files/hello.txt")));
        form.write("\r\n".getBytes(StandardCharsets.UTF_8));
        form.write(("--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"blob\"; filename=\"data.bin\"\r\nContent-Type: application/x-custom\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(Files.readAllBytes(Path.of("files/data.bin")));
        form.write("\r\n".getBytes(StandardCharsets.UTF_8));
        form.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder()
            .uri(URI.create("https://api.example.com/anything/upload"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .method("POST", HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
            .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode());
        System.out.println(response.body());
    }
}
