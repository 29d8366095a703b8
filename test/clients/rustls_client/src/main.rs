//! certlab-rustls-client HOST PORT SERVERNAME CAFILE
//! Connects to HOST:PORT, sends SERVERNAME (DNS name or IP) as rustls does, verifies the server's
//! chain against the roots in CAFILE with rustls's default WebPKI verifier, and prints either
//! "OK" or the handshake error exactly as rustls's Display formats it, then exits 0 / 1.
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: certlab-rustls-client HOST PORT SERVERNAME CAFILE");
        std::process::exit(2);
    }
    let (host, port, name, cafile) = (&args[1], &args[2], &args[3], &args[4]);
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(cafile).expect("CA file") {
        roots.add(cert.expect("CA certificate")).expect("root");
    }
    // ring's provider is deprecated in 0.23.48 only because it has no post-quantum key exchange,
    // which certificate verification does not touch; it builds without cmake, unlike aws-lc-rs.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    let server_name = ServerName::try_from(name.clone()).expect("server name");
    let conn = ClientConnection::new(Arc::new(config), server_name).expect("client connection");
    let sock = TcpStream::connect(format!("{host}:{port}")).expect("connect");
    let mut tls = StreamOwned::new(conn, sock);
    let result = tls.write_all(b"GET / HTTP/1.0\r\n\r\n").and_then(|_| tls.flush()).and_then(|_| {
        let mut buf = [0u8; 1];
        tls.read(&mut buf).map(|_| ())
    });
    match result {
        Ok(()) => println!("OK"),
        Err(e) => {
            // rustls's own error inside the io::Error: its Display is what reqwest, hyper and
            // cargo print as the innermost cause.
            match e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) {
                Some(r) => println!("{r}"),
                None => println!("io: {e}"),
            }
            std::process::exit(1);
        }
    }
}
