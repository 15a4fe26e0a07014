//! TLS as a caller meets it: a gateway whose certificate a private CA signed is reached with that
//! CA's PEM (`Tls::CaPem`), and refused when only the system's roots are trusted.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};

use arbiter_client::arbiter::v1::ListModelsRequest;
use arbiter_client::tonic::transport::{Identity, Server, ServerTlsConfig};
use arbiter_client::{ArbiterClient, ClientOptions, Tls};
use support::{loopback_listener, RestartingRegistry};

/// A private CA's certificate, and a gateway certificate and key it signed for 127.0.0.1.
struct Certificates {
    ca: Vec<u8>,
    gateway_cert: Vec<u8>,
    gateway_key: Vec<u8>,
}

fn openssl(dir: &Path, args: &[&str]) {
    let status = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(status.success(), "openssl {args:?}");
}

/// Fresh certificates, made with the system's openssl in a folder of their own (`label` keeps
/// apart the tests of this file, which run at the same time).
fn make_certificates(label: &str) -> Certificates {
    let dir =
        std::env::temp_dir().join(format!("arbiter-client-tls-{}-{label}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let new_key = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let ca = [
        &["req", "-x509", "-days", "1", "-subj", "/CN=Arbiter test CA"],
        &new_key[..],
    ];
    openssl(
        &dir,
        &[&ca.concat()[..], &["-keyout", "ca.key", "-out", "ca.pem"]].concat(),
    );
    let request = [&["req", "-subj", "/CN=localhost"], &new_key[..]];
    openssl(
        &dir,
        &[
            &request.concat()[..],
            &["-keyout", "gateway.key", "-out", "gateway.csr"],
        ]
        .concat(),
    );
    // rustls accepts a server certificate only with the name it was reached by, and not a CA's.
    std::fs::write(
        dir.join("gateway.ext"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    let sign = [
        "x509",
        "-req",
        "-in",
        "gateway.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
    ];
    openssl(
        &dir,
        &[
            &sign[..],
            &[
                "-days",
                "1",
                "-extfile",
                "gateway.ext",
                "-out",
                "gateway.pem",
            ],
        ]
        .concat(),
    );
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    let certificates = Certificates {
        ca: read("ca.pem"),
        gateway_cert: read("gateway.pem"),
        gateway_key: read("gateway.key"),
    };
    std::fs::remove_dir_all(&dir).unwrap();
    certificates
}

/// A registry serving TLS with the gateway certificate, and its address.
async fn serve_tls(certificates: &Certificates) -> (RestartingRegistry, String) {
    let identity = Identity::from_pem(&certificates.gateway_cert, &certificates.gateway_key);
    let server = Server::builder()
        .tls_config(ServerTlsConfig::new().identity(identity))
        .unwrap();
    let registry = RestartingRegistry::refusing(0);
    let (listener, address) = loopback_listener().await;
    registry.serve_with(server, listener);
    (registry, address.to_string())
}

#[tokio::test]
async fn a_gateway_a_private_ca_signed_is_reached_with_the_cas_pem() {
    let certificates = make_certificates("private-ca");
    let (registry, address) = serve_tls(&certificates).await;
    let client = ArbiterClient::connect(ClientOptions {
        token: Some("arb_key.secret".into()),
        tls: Some(Tls::CaPem(certificates.ca.clone())),
        ..ClientOptions::new(address)
    })
    .await
    .expect("the CA's PEM vouches for the gateway");

    let listed = client
        .models()
        .list_models(ListModelsRequest::default())
        .await
        .unwrap()
        .into_inner();

    assert_eq!(listed.models[0].name, "fraud");
    assert_eq!(
        registry.seen()[0].authorization.as_deref(),
        Some("Bearer arb_key.secret")
    );
}

#[tokio::test]
async fn a_gateway_the_system_roots_do_not_vouch_for_is_refused() {
    let certificates = make_certificates("system-roots");
    let (registry, address) = serve_tls(&certificates).await;

    let refused = ArbiterClient::connect(ClientOptions {
        tls: Some(Tls::SystemRoots),
        ..ClientOptions::new(address)
    })
    .await;

    let error = refused.expect_err("a certificate of a private CA is not trusted by default");
    // rustls names the reason; nothing else about the connection was wrong.
    assert!(format!("{error:?}").contains("UnknownIssuer"), "{error:?}");
    assert!(registry.seen().is_empty(), "no call reached the gateway");
}
