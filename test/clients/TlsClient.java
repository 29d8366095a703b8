// A minimal JSSE client as applications write it: the default TrustManager over a
// KeyStore holding the given PEM CA file, HTTPS endpoint identification on, SNI set.
// Usage: java TlsClient.java HOST PORT CAFILE   (connects to 127.0.0.1:PORT only)
// Prints "OK" or the exception's toString() (what the top line of a stack trace shows),
// then "Caused by: ..." for each cause.
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

public class TlsClient {
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    int i = 0;
    try (FileInputStream in = new FileInputStream(args[2])) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + (i++), c);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true)) {
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      // SNI carries host names only (RFC 6066); for an IP the name check still uses it
      if (!host.matches("[0-9.]+") && !host.contains(":")) p.setServerNames(List.of(new SNIHostName(host)));
      s.setSSLParameters(p);
      s.startHandshake();
      System.out.println("OK");
    } catch (Exception e) {
      System.out.println(e.toString());
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) System.out.println("Caused by: " + c);
      System.exit(1);
    }
  }
}
