// A minimal Java TLS client for the lessons' examples: connects to the URL's host and port,
// completes the handshake with Java's default checks (trust store + host name, as HTTPS does),
// sends a GET and prints the response's status line, or the exception chain (class: message).
// Trust and client keys come from the usual javax.net.ssl.* properties. Run: java TlsCheck.java URL
import java.net.URI;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

public class TlsCheck {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket(uri.getHost(), port)) {
            SSLParameters params = socket.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            var out = socket.getOutputStream();
            out.write(("GET " + (uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + " HTTP/1.0\r\nHost: " + uri.getHost() + "\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
            System.out.println(in.readLine());
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                System.out.println(t.getClass().getName() + ": " + t.getMessage());
            }
            System.exit(1);
        }
    }
}
